// A token handed from the console (a moderator's) or the organizer page (the admin token) to the record page it
// opens, without a URL or storage carrying it: the link is a plain /r/<id>#preview (a link that can be copied,
// shown or logged safely), the page it opens asks on a same-origin BroadcastChannel, and a console of that session
// or an organizer page still open answers. A tab opened with rel=noopener shares no sessionStorage with its opener,
// and localStorage would outlive the browser on a shared computer.

const CHANNEL = 'townhall.token-handoff';
/** How long a moderator's answer waits for an organizer's (who may publish) before it is taken. */
const ORGANIZER_GRACE_MS = 200;

/** The fragment that asks the record page to look for an open console's or organizer page's token. */
export const PREVIEW_FRAGMENT = 'preview';

/** Answers record pages of this session that ask for the console's token (for as long as the console is open). */
export function offerToken(sessionId, currentToken, kind = 'moderator') {
  if (typeof BroadcastChannel !== 'function') return;
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = ({ data }) => {
    if (data?.type !== 'ask' || data.sessionId !== sessionId) return;
    const token = currentToken();
    if (token) channel.postMessage({ type: 'token', sessionId, nonce: data.nonce, token, kind });
  };
}

/**
 * Answers record pages that ask for a token of a session this organizer page opened a preview of: the admin token,
 * which may publish and withdraw. {@code allowed(sessionId)} says whether this page hands it over for that session.
 */
export function offerOrganizerToken(currentToken, allowed) {
  if (typeof BroadcastChannel !== 'function') return;
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = ({ data }) => {
    if (data?.type !== 'ask' || typeof data.sessionId !== 'string' || !allowed(data.sessionId)) return;
    const token = currentToken();
    if (token) {
      channel.postMessage({ type: 'token', sessionId: data.sessionId, nonce: data.nonce, token, kind: 'organizer' });
    }
  };
}

/**
 * Asks open consoles and organizer pages of the session for a token, the organizer's preferred.
 * @returns {Promise<{token: string, kind: 'moderator'|'organizer'}|null>} null when nobody answered in time
 */
export function askForHandoff(sessionId, waitMs = 1500) {
  if (typeof BroadcastChannel !== 'function') return Promise.resolve(null);
  const channel = new BroadcastChannel(CHANNEL);
  const nonce = Math.random().toString(36).slice(2);
  return new Promise((resolve) => {
    let moderator = null;
    let grace = null;
    const done = (answer) => {
      clearTimeout(timer);
      clearTimeout(grace);
      channel.close();
      resolve(answer);
    };
    const timer = setTimeout(() => done(moderator), waitMs);
    channel.onmessage = ({ data }) => {
      if (data?.type !== 'token' || data.nonce !== nonce || typeof data.token !== 'string') return;
      if (data.kind === 'organizer') {
        done({ token: data.token, kind: 'organizer' });
      } else if (!moderator) {
        moderator = { token: data.token, kind: 'moderator' };
        grace = setTimeout(() => done(moderator), ORGANIZER_GRACE_MS);
      }
    };
    channel.postMessage({ type: 'ask', sessionId, nonce });
  });
}

/**
 * Asks open consoles of the session for their token.
 * @returns {Promise<string|null>} the token, or null when no console answered within {@code waitMs}
 */
export async function askForToken(sessionId, waitMs = 1500) {
  return (await askForHandoff(sessionId, waitMs))?.token ?? null;
}
