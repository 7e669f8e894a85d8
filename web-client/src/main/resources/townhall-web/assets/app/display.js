// What the stage screen and the speaker view share: a read-only connection (a plain hello without a token, so no
// identity is kept anywhere; a reconnect resumes with since/epoch), and a store that keeps the last state on screen
// while the link is down, so a reconnect never flashes empty content.

import { initLanguage, onLangChange, t, useSessionLocale } from './i18n.js';
import { Outbox } from './outbox.js';
import { Store } from './store.js';
import { SessionSync } from './sync.js';
import { setAttr, setText } from './views/dom.js';

const NO_TOKEN = { get: () => null, set: () => {} };
const THEMES = new Set(['dark', 'light']);

/**
 * @param {object} options
 * @param {RegExp} options.path matches the page's path, the session id in group 1
 * @param {HTMLElement|null} options.conn shows the connection state (data-state)
 * @param {() => void} options.onMissing no such session
 * @returns {{store: Store, sessionId: string}|null}
 */
export function startDisplay({ path, conn, onMissing }) {
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
  const store = new Store();
  store.subscribe((change) => {
    if (change.kind === 'reset' || change.kind === 'session') useSessionLocale(store.session?.locale);
  });
  const sync = new SessionSync({
    sessionId,
    store,
    outbox: new Outbox(sessionId, { persist: false }),
    tokens: NO_TOKEN,
    callbacks: {
      onConnState: (state) => {
        connState = state;
        renderConn();
      },
      onError: () => {},
      onAskRefused: () => {},
      onTerminal: () => {
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
