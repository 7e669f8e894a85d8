// Every localStorage and sessionStorage key the client uses, in one place. Storage may be unavailable (private
// mode, quota): then reads return the fallback and writes are dropped.
// Secrets that must not outlive the tab (a moderator's or a stage screen's token, the organizer's admin token) go to
// sessionStorage.

const KEYS = {
  token: (sessionId) => `townhall.token.${sessionId}`,
  outbox: (sessionId) => `townhall.outbox.${sessionId}`,
  author: () => 'townhall.author',
  lang: () => 'townhall.lang',
  sort: () => 'townhall.sort',
  moderatorToken: (sessionId) => `townhall.moderator.${sessionId}`,
  moderatorBanned: (sessionId) => `townhall.moderator.banned.${sessionId}`,
  moderatorStage: () => 'townhall.moderator.stageExpanded',
  stageToken: (sessionId) => `townhall.stage.${sessionId}`,
  clerkToken: (sessionId) => `townhall.clerk.${sessionId}`,
  clerkChannel: () => 'townhall.clerk.channel',
  adminToken: () => 'townhall.admin',
  organizerSessions: () => 'townhall.organizer.sessions',
  organizerLinks: () => 'townhall.organizer.links',
  draft: (sessionId) => `townhall.draft.${sessionId}`,
  banned: (sessionId) => `townhall.banned.${sessionId}`,
};

// The organizer's saved sessions: what identifies them (id, code, title, date) is kept in localStorage; the links
// that carry a token (moderator, stage, speaker) only for the tab, in sessionStorage: a shared computer keeps no
// working moderator link after the browser closes. A later tab asks the server for them again (POST …/links).
const TOKEN_LINKS = ['moderatorLink', 'stageLink', 'speakerLink'];

function area(kind) {
  try {
    return kind === 'session' ? window.sessionStorage : window.localStorage;
  } catch {
    return null;
  }
}

function read(key, kind = 'local') {
  try {
    return area(kind)?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function write(key, value, kind = 'local') {
  try {
    const target = area(kind);
    if (!target) return;
    if (value === null || value === undefined || value === '') {
      target.removeItem(key);
    } else {
      target.setItem(key, value);
    }
  } catch {
    // Not persisted; the in-memory state still works for this page.
  }
}

function readJson(key, fallback, kind = 'local') {
  const raw = read(key, kind);
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
  /** A question being typed on the resident page, so a reload (or a closed tab) does not lose it. */
  draft: (sessionId) => read(KEYS.draft(sessionId)) ?? '',
  setDraft: (sessionId, text) => write(KEYS.draft(sessionId), text),
  /** The participant this page holds was banned from asking and voting in the session (its id, for a rejoin). */
  banned: (sessionId) => read(KEYS.banned(sessionId)),
  setBanned: (sessionId, participantId) => write(KEYS.banned(sessionId), participantId),
  moderatorToken: (sessionId) => read(KEYS.moderatorToken(sessionId), 'session'),
  setModeratorToken: (sessionId, token) => write(KEYS.moderatorToken(sessionId), token, 'session'),
  // the author tags this console banned (the server tells no one whom it banned): marks for their questions
  moderatorBanned: (sessionId) => {
    const tags = readJson(KEYS.moderatorBanned(sessionId), [], 'session');
    return Array.isArray(tags) ? tags.filter((tag) => typeof tag === 'string') : [];
  },
  setModeratorBanned: (sessionId, tags) =>
    write(KEYS.moderatorBanned(sessionId), tags.length ? JSON.stringify(tags) : null, 'session'),
  // the console's stage card is one line unless the moderator opened it
  moderatorStageExpanded: () => read(KEYS.moderatorStage()) === 'true',
  setModeratorStageExpanded: (expanded) => write(KEYS.moderatorStage(), expanded ? 'true' : null),
  // a clerk's token, like a moderator's, lives for the tab only; the channel chosen last stays for the next entry
  clerkToken: (sessionId) => read(KEYS.clerkToken(sessionId), 'session'),
  setClerkToken: (sessionId, token) => write(KEYS.clerkToken(sessionId), token, 'session'),
  clerkChannel: () => read(KEYS.clerkChannel()),
  setClerkChannel: (channel) => write(KEYS.clerkChannel(), channel),
  stageToken: (sessionId) => read(KEYS.stageToken(sessionId), 'session'),
  setStageToken: (sessionId, token) => write(KEYS.stageToken(sessionId), token, 'session'),
  adminToken: () => read(KEYS.adminToken(), 'session') ?? '',
  setAdminToken: (token) => write(KEYS.adminToken(), token, 'session'),
  organizerSessions: () => {
    const list = readJson(KEYS.organizerSessions(), []);
    const links = readJson(KEYS.organizerLinks(), {}, 'session') ?? {};
    return Array.isArray(list)
      ? list.filter((entry) => entry && typeof entry.id === 'string').map((entry) => {
        const kept = { ...entry };
        for (const name of TOKEN_LINKS) delete kept[name];
        return { ...kept, ...(links[entry.id] ?? {}) };
      })
      : [];
  },
  setOrganizerSessions: (list) => {
    const links = {};
    const kept = list.map((entry) => {
      const open = { ...entry };
      for (const name of TOKEN_LINKS) {
        if (open[name]) links[entry.id] = { ...(links[entry.id] ?? {}), [name]: open[name] };
        delete open[name];
      }
      return open;
    });
    write(KEYS.organizerSessions(), kept.length ? JSON.stringify(kept) : null);
    write(KEYS.organizerLinks(), Object.keys(links).length ? JSON.stringify(links) : null, 'session');
  },
};
