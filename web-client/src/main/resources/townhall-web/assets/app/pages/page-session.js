// The resident page's session as the server wrote it into the page (<meta name="townhall-session">), and a
// WebSocket to it opened at once. This module imports nothing and is the page's first script, so it runs as soon
// as the page has been parsed, while the other modules are still on their way: on a slow network the socket's
// handshake (a whole round trip) is over by the time the page can use it. The page's socket adopts it
// (takeEarlySocket); a socket nobody claims soon is closed, before the server would close it for want of a hello.

const UNCLAIMED_MS = 3000;

let early = null;

function codeFromPath(pathname) {
  const match = /^\/j\/([^/]+)\/?$/.exec(pathname);
  return match ? decodeURIComponent(match[1]) : null;
}

/**
 * The session's public facts ({id, code, title, status, locale}) from the page, when they are those of the code in
 * the address (the service worker keeps one copy of the page for every code); otherwise null.
 */
export function sessionFromPage() {
  const content = document.querySelector('meta[name="townhall-session"]')?.content;
  if (!content) return null;
  try {
    const session = JSON.parse(content);
    const code = codeFromPath(window.location.pathname);
    return session && typeof session.id === 'string' && code && session.code === code ? session : null;
  } catch {
    return null;
  }
}

/** The socket opened early for this URL, if it is still opening or open (once); null otherwise. */
export function takeEarlySocket(url) {
  const taken = early;
  early = null;
  if (!taken) return null;
  clearTimeout(taken.timer);
  if (taken.url !== url || taken.ws.readyState > WebSocket.OPEN) {
    taken.ws.close(1000);
    return null;
  }
  return taken.ws;
}

function openEarly() {
  const session = sessionFromPage();
  if (!session || typeof WebSocket !== 'function') return;
  // the URL socket.js's sessionSocketUrl gives; takeEarlySocket hands the socket over only when they agree
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const url = `${scheme}//${window.location.host}/ws/sessions/${encodeURIComponent(session.id)}`;
  let ws;
  try {
    ws = new WebSocket(url);
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    if (early?.ws !== ws) return;
    early = null;
    ws.close(1000);
  }, UNCLAIMED_MS);
  early = { url, ws, timer };
}

openEarly();
