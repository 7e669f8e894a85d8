// A moderator token handed from the console to the record page it opens, without a URL or storage carrying it:
// the console's record link is a plain /r/<id>#preview (a link that can be copied, shown or logged safely), the
// page it opens asks on a same-origin BroadcastChannel, and a console of that session still open answers. A tab
// opened with rel=noopener shares no sessionStorage with its opener, and localStorage would outlive the browser
// on a shared computer.

const CHANNEL = 'townhall.token-handoff';

/** The fragment that asks the record page to look for an open console's token. */
export const PREVIEW_FRAGMENT = 'preview';

/** Answers record pages of this session that ask for the console's token (for as long as the console is open). */
export function offerToken(sessionId, currentToken) {
  if (typeof BroadcastChannel !== 'function') return;
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = ({ data }) => {
    if (data?.type !== 'ask' || data.sessionId !== sessionId) return;
    const token = currentToken();
    if (token) channel.postMessage({ type: 'token', sessionId, nonce: data.nonce, token });
  };
}

/**
 * Asks open consoles of the session for their token.
 * @returns {Promise<string|null>} the token, or null when no console answered within {@code waitMs}
 */
export function askForToken(sessionId, waitMs = 1500) {
  if (typeof BroadcastChannel !== 'function') return Promise.resolve(null);
  const channel = new BroadcastChannel(CHANNEL);
  const nonce = Math.random().toString(36).slice(2);
  return new Promise((resolve) => {
    const done = (token) => {
      clearTimeout(timer);
      channel.close();
      resolve(token);
    };
    const timer = setTimeout(() => done(null), waitMs);
    channel.onmessage = ({ data }) => {
      if (data?.type === 'token' && data.nonce === nonce && typeof data.token === 'string') done(data.token);
    };
    channel.postMessage({ type: 'ask', sessionId, nonce });
  });
}
