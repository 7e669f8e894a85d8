// Every localStorage key the client uses, in one place. Storage may be unavailable (private mode, quota):
// then reads return the fallback and writes are dropped.

const KEYS = {
  token: (sessionId) => `townhall.token.${sessionId}`,
  outbox: (sessionId) => `townhall.outbox.${sessionId}`,
  author: () => 'townhall.author',
  lang: () => 'townhall.lang',
  sort: () => 'townhall.sort',
};

function read(key) {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key, value) {
  try {
    if (value === null || value === undefined || value === '') {
      window.localStorage.removeItem(key);
    } else {
      window.localStorage.setItem(key, value);
    }
  } catch {
    // Not persisted; the in-memory state still works for this page.
  }
}

function readJson(key, fallback) {
  const raw = read(key);
  if (raw === null) return fallback;
  try {
    return JSON.parse(raw);
  } catch {
    return fallback;
  }
}

export const storage = {
  token: (sessionId) => read(KEYS.token(sessionId)),
  setToken: (sessionId, token) => write(KEYS.token(sessionId), token),
  outbox: (sessionId) => readJson(KEYS.outbox(sessionId), []),
  setOutbox: (sessionId, entries) =>
    write(KEYS.outbox(sessionId), entries.length ? JSON.stringify(entries) : null),
  author: () => read(KEYS.author()) ?? '',
  setAuthor: (name) => write(KEYS.author(), name),
  lang: () => read(KEYS.lang()),
  setLang: (lang) => write(KEYS.lang(), lang),
  sort: () => read(KEYS.sort()),
  setSort: (mode) => write(KEYS.sort(), mode),
};
