// Entry of the resident page (/j/<code>): resolve the code, then wire the store, outbox, socket and views.

import { NotFoundError, RateLimitedError, sessionByCode } from './api.js';
import { Backoff } from './backoff.js';
import { hasString, initLanguage, onLangChange, t, useSessionLocale } from './i18n.js';
import { keepShellForOffline } from './offline-shell.js';
import { Outbox } from './outbox.js';
import { DEFAULT_SORT, SORTS } from './questions.js';
import { storage } from './storage.js';
import { Store } from './store.js';
import { SessionSync } from './sync.js';
import { Announcements } from './views/announcements.js';
import { AskForm } from './views/ask-form.js';
import { setAttr, setHidden, setText } from './views/dom.js';
import { ErrorBanner } from './views/error-banner.js';
import { Header } from './views/header.js';
import { PendingAsks } from './views/pending-asks.js';
import { QuestionList } from './views/question-list.js';

const $ = (id) => document.getElementById(id);

function codeFromPath(pathname) {
  const match = /^\/j\/([^/]+)\/?$/.exec(pathname);
  return match ? decodeURIComponent(match[1]) : null;
}

function errorKey(code) {
  const key = `error.${code}`;
  return hasString(key) ? key : 'error.unknown';
}

function showNotFound(header) {
  $('session-view').hidden = true;
  $('not-found').hidden = false;
  header.setMissing();
}

/** Looks the code up, retrying with backoff while the server cannot be reached; null when no such session. */
async function resolveSession(code, banner, header) {
  const backoff = new Backoff({ baseMs: 1000, maxMs: 15000 });
  for (;;) {
    try {
      const session = await sessionByCode(code);
      banner.clear();
      return session;
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      const limited = error instanceof RateLimitedError;
      banner.show(limited ? 'error.rate_limited' : 'error.load');
      header.setConnState('offline');
      const wait = Math.max(backoff.next(), limited ? error.retryAfterMs : 0);
      await new Promise((resolve) => setTimeout(resolve, wait));
      header.setConnState('connecting');
    }
  }
}

/** Paused and closed sessions say so at the top of the page, not only in the ask form. */
function renderSessionNotice(status) {
  const notice = $('session-notice');
  const shown = status === 'paused' || status === 'closed';
  setAttr(notice, 'data-status', status);
  setText(notice, shown ? t(`session.notice.${status}`) : '');
  setHidden(notice, !shown);
}

function wireSort(list) {
  const buttons = { popular: $('sort-popular'), recent: $('sort-recent') };
  const select = (mode) => {
    list.setSort(mode);
    storage.setSort(mode);
    for (const [name, button] of Object.entries(buttons)) setAttr(button, 'aria-pressed', name === mode);
  };
  for (const [name, button] of Object.entries(buttons)) button.addEventListener('click', () => select(name));
  const saved = storage.sort();
  select(SORTS[saved] ? saved : DEFAULT_SORT);
}

function startSession(session, { banner, header }) {
  const store = new Store();
  const outbox = new Outbox(session.id);
  let sync = null;

  const form = new AskForm(
    {
      form: $('ask-form'), text: $('ask-text'), author: $('ask-author'), authorNote: $('ask-author-note'),
      hint: $('ask-hint'), counter: $('ask-counter'), submit: $('ask-submit'), notice: $('ask-notice'),
      offline: $('ask-offline'),
    },
    {
      onAsk: (text, author) => {
        banner.clear();
        sync.ask(text, author);
      },
      onInvalid: (key, params) => banner.show(key, params),
    },
  );
  const pending = new PendingAsks({ section: $('pending-section'), list: $('pending-asks'), outbox });
  const list = new QuestionList({
    list: $('questions'),
    empty: $('questions-empty'),
    store,
    onVote: (id, upvote) => sync.vote(id, upvote),
    onWithdraw: (id) => sync.withdraw(id),
  });
  wireSort(list);
  // After the list, so a screen reader finds the change on the page by the time it is told about it.
  new Announcements($('live-region'), store);
  let connState = 'connecting';
  const renderOffline = () => {
    setText($('offline-notice'), t('offline.notice'));
    setHidden($('offline-notice'), connState !== 'offline');
  };

  const renderSession = () => {
    header.render(store.session, store.presence);
    form.setSession(store.session);
    renderSessionNotice(store.status());
  };
  store.subscribe((change) => {
    if (change.kind === 'presence') header.render(store.session, store.presence);
    if (change.kind === 'reset' || change.kind === 'session') {
      useSessionLocale(store.session?.locale);
      renderSession();
    }
  });

  sync = new SessionSync({
    sessionId: session.id,
    store,
    outbox,
    callbacks: {
      onConnState: (state) => {
        connState = state;
        renderOffline();
        header.setConnState(state);
        form.setOnline(state === 'online');
        pending.setOnline(state === 'online');
      },
      onError: (code) => banner.show(errorKey(code), { max: form.maxLength() }),
      onAskRefused: (entry) => form.restore(entry.text),
      // the stored identity was refused (it expired, say): the page joined again as a new resident
      onRejoined: () => banner.show('error.rejoined'),
      onTerminal: () => showNotFound(header),
    },
  });

  onLangChange(() => {
    renderOffline();
    renderSessionNotice(store.status());
    form.render();
    pending.render();
    list.refresh();
    banner.render();
  });

  store.setInitialSession(session);
  pending.render();
  sync.start();
}

async function main() {
  keepShellForOffline();
  initLanguage($('lang-switch'));
  const banner = new ErrorBanner({ box: $('error-box'), text: $('error-banner'), dismiss: $('error-dismiss') });
  const header = new Header({
    title: $('session-title'), status: $('session-status'), code: $('session-code'),
    presence: $('presence-count'), conn: $('conn-state'),
  });
  header.render(null, null);
  onLangChange(() => header.refresh());

  const code = codeFromPath(window.location.pathname);
  const session = code ? await resolveSession(code, banner, header) : null;
  if (!session) {
    showNotFound(header);
    return;
  }
  startSession(session, { banner, header });
}

main();
