// What the stage screen and the speaker view share: a read-only connection with the stage token of the link
// (/stage/<id>#token=…, kept for this tab; a reconnect resumes with since/epoch), and a store that keeps the last
// state on screen while the link is down, so a reconnect never flashes empty content. Without a usable token the
// page says the link is not valid; it never makes a resident identity.

import { initLanguage, onLangChange, t, useSessionLocale } from './i18n.js';
import { takeLinkToken } from './link-token.js';
import { Outbox } from './outbox.js';
import { TOKEN_REFUSED_CLOSE } from './protocol.js';
import { storage } from './storage.js';
import { Store } from './store.js';
import { SessionSync } from './sync.js';
import { setAttr, setText } from './views/dom.js';

const THEMES = new Set(['dark', 'light']);

/**
 * @param {object} options
 * @param {RegExp} options.path matches the page's path, the session id in group 1
 * @param {HTMLElement|null} options.conn shows the connection state (data-state)
 * @param {() => void} options.onMissing no such session
 * @param {() => void} options.onInvalidLink the link carries no stage token, or one the server refused
 * @returns {{store: Store, sessionId: string}|null}
 */
export function startDisplay({ path, conn, onMissing, onInvalidLink }) {
  initLanguage(document.getElementById('lang-switch'));
  // ?theme=dark or ?theme=light overrides the system preference (a projector in a bright hall, say).
  const theme = new URLSearchParams(window.location.search).get('theme');
  if (THEMES.has(theme)) document.documentElement.dataset.theme = theme;

  let connState = 'connecting';
  const renderConn = () => {
    if (!conn) return;
    setAttr(conn, 'data-state', connState);
    setText(conn, t(`conn.${connState}`));
  };
  renderConn();
  onLangChange(renderConn);

  const match = path.exec(window.location.pathname);
  if (!match) {
    onMissing();
    return null;
  }
  const sessionId = decodeURIComponent(match[1]);
  const token = takeLinkToken({
    get: () => storage.stageToken(sessionId),
    set: (value) => storage.setStageToken(sessionId, value),
  });
  const invalid = () => {
    connState = 'offline';
    renderConn();
    onInvalidLink();
  };
  if (!token) {
    invalid();
    return null;
  }
  const store = new Store();
  store.subscribe((change) => {
    if (change.kind === 'reset' || change.kind === 'session') useSessionLocale(store.session?.locale);
  });
  const sync = new SessionSync({
    sessionId,
    store,
    outbox: new Outbox(sessionId, { persist: false }),
    tokens: {
      get: (id) => storage.stageToken(id),
      // every welcome hands back the token with a later expiry; only a stage token belongs here
      set: (id, fresh, message) => {
        if (message.role === 'stage') storage.setStageToken(id, fresh);
      },
    },
    callbacks: {
      onHello: (message) => {
        if (message.role === 'stage') return true;
        // a moderator's or a resident's token is not for a screen the whole hall can see
        sync.stop();
        invalid();
        return false;
      },
      onConnState: (state) => {
        connState = state;
        renderConn();
      },
      onError: () => {},
      onAskRefused: () => {},
      onTerminal: (code) => {
        if (code === TOKEN_REFUSED_CLOSE) {
          storage.setStageToken(sessionId, null);
          invalid();
          return;
        }
        connState = 'offline';
        renderConn();
        onMissing();
      },
    },
  });
  sync.start();
  return { store, sessionId };
}

/** Coalesces bursts (vote frames) into one call per animation frame; the timer covers hidden tabs. */
export function frameScheduler(fn) {
  let pending = false;
  const run = () => {
    if (!pending) return;
    pending = false;
    fn();
  };
  return () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(run);
    setTimeout(run, 250);
  };
}
