// Entry of the resident page (/j/<code>, and /embed/<code>: the same page in a compact layout for a ward's site to
// frame beside its video player): take the session from the page (or look the code up), then wire the
// store, outbox, socket and the views that the first render needs. What is not needed to show the questions and the
// ask box (the pending-asks list, screen-reader announcements, the offline shell) is imported once the connection
// has settled, so a slow network fetches fewer modules before the page is usable.

import { hasString, initLanguage, onLangChange, t, useSessionLocale } from '../i18n.js';
import { Outbox } from '../outbox.js';
import { Pager } from '../paging.js';
import { sessionFromPage, takeEarlySocket } from './page-session.js';
import { DEFAULT_FILTER, DEFAULT_SORT, FILTERS, SORTS, pagingFor } from '../questions.js';
import { storage } from '../storage.js';
import { Store } from '../store.js';
import { SessionSync } from '../sync.js';
import { answerPoll } from '../protocol.js';
import { AskForm } from '../views/ask-form.js';
import { CarriedOver } from '../views/carried-over.js';
import { PollCards } from '../views/poll-card.js';
import { setAttr, setHidden, setText } from '../views/dom.js';
import { ErrorBanner } from '../views/error-banner.js';
import { Header } from '../views/header.js';
import { QuestionList } from '../views/question-list.js';
import { SimilarOffer } from '../views/similar-offer.js';

const $ = (id) => document.getElementById(id);
/** The rest of the page loads once the connection has settled, or after this long whatever the connection does. */
const REST_AT_LATEST_MS = 5000;
/** A closed session's page asks whether its record is public this often (plus up to as much again, at random). */
const RECORD_CHECK_MS = 60000;
/** At most this many pages are read to find a question put on stage that the page does not hold. */
const SEEK_PAGES = 10;

function codeFromPath(pathname) {
  const match = /^\/(?:j|embed)\/([^/]+)\/?$/.exec(pathname);
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

/** The session of this code: from the page, else looked up (retrying while offline); null when there is none. */
async function findSession(code, banner, header) {
  const session = sessionFromPage();
  if (session) return session;
  const { resolveSession } = await import('../resolve-session.js');
  return resolveSession(code, banner, header);
}

/** Paused and closed sessions say so at the top of the page, not only in the ask form. */
function renderSessionNotice(status) {
  const notice = $('session-notice');
  const shown = status === 'paused' || status === 'closed';
  setAttr(notice, 'data-status', status);
  setText(notice, shown ? t(`session.notice.${status}`) : '');
  setHidden(notice, !shown);
}

/** Tells a screen reader, politely, without moving focus (the region the announcements use). */
function say(text) {
  const region = $('live-region');
  region.textContent = '';
  setTimeout(() => {
    region.textContent = text;
  }, 50);
}

/**
 * A closed session links to its record once the organizer publishes it: asked when the session is seen closed, then
 * now and then while the page is shown, until it is public.
 */
function watchRecord(sessionId) {
  const notice = $('record-notice');
  const link = $('record-link');
  let published = false;
  let timer = null;
  let busy = false;
  const render = () => {
    setHidden(link, !published);
    setHidden($('record-pending'), published);
  };
  const check = async () => {
    if (published || busy || notice.hidden) return;
    busy = true;
    clearTimeout(timer);
    timer = null;
    try {
      const { recordStatus } = await import('../api.js');
      published = (await recordStatus(sessionId))?.published === true;
    } catch {
      // not reachable now: asked again later
    }
    busy = false;
    render();
    if (!published && !notice.hidden) timer = setTimeout(check, RECORD_CHECK_MS * (1 + Math.random()));
  };
  link.href = `/r/${encodeURIComponent(sessionId)}`;
  render();
  return {
    /** The session is (still) closed. */
    closed: () => {
      setHidden(notice, false);
      if (timer === null && document.visibilityState !== 'hidden') check();
    },
    /** The session is open or paused (again): no record to point to yet. */
    notClosed: () => {
      setHidden(notice, true);
      clearTimeout(timer);
      timer = null;
    },
    visible: () => {
      if (timer === null) check();
    },
  };
}

function wireSort(list, pager) {
  const buttons = { popular: $('sort-popular'), recent: $('sort-recent') };
  const select = (mode) => {
    list.setSort(mode);
    pager.setOrder(mode);
    storage.setSort(mode);
    for (const [name, button] of Object.entries(buttons)) setAttr(button, 'aria-pressed', name === mode);
  };
  for (const [name, button] of Object.entries(buttons)) button.addEventListener('click', () => select(name));
  const saved = storage.sort();
  select(SORTS[saved] ? saved : DEFAULT_SORT);
}

/**
 * The views and helpers the first render does without, imported once the connection has settled (either way).
 * Resolves when all of them are in place; rejects when one could not be fetched (the caller tries again later).
 */
function loadTheRest({ store, outbox, onPending, onAnnouncements }) {
  return Promise.all([
    import('../offline-shell.js').then(({ keepShellForOffline }) => keepShellForOffline()),
    import('../views/pending-asks.js').then(({ PendingAsks }) => {
      onPending(new PendingAsks({ section: $('pending-section'), list: $('pending-asks'), outbox }));
    }),
    // After the list, so a screen reader finds the change on the page by the time it is told about it.
    import('../views/announcements.js').then(({ Announcements }) => {
      onAnnouncements(() => new Announcements($('live-region'), store));
    }),
  ]);
}

/**
 * A bounded welcome (`more`) leaves questions to read page by page: the next page is asked for as the resident
 * scrolls near the end of the list (the "show more" button, watched by an IntersectionObserver, is the sentinel),
 * or when they press that button (keyboard users, browsers without the observer).
 */
function wireMore(getSync, store) {
  const button = $('questions-more');
  let nearEnd = false;
  let observer = null;
  // "mine" reads no pages: the welcome holds every question of one's own
  let paging = true;
  // a question the page looks for among the pages not read yet (put on stage), and how many pages it may still read
  let sought = null;
  let seekPages = 0;
  const loadMore = () => paging && pager.loadMore();
  const pager = new Pager({
    request: (message, callback) => getSync()?.request(message, callback) ?? false,
    store,
    onChange: () => {
      if (sought && !store.questions.has(sought) && seekPages > 0 && !pager.done) {
        seekPages -= 1;
        pager.loadMore();
      }
      setHidden(button, !paging || pager.done);
      // Observed anew, the observer reports where the button stands now (a short page may leave it in view).
      observer?.unobserve(button);
      observer?.observe(button);
    },
  });
  button.addEventListener('click', loadMore);
  if (typeof IntersectionObserver === 'function') {
    observer = new IntersectionObserver((entries) => {
      nearEnd = entries.some((entry) => entry.isIntersecting);
      if (nearEnd) loadMore();
    }, { rootMargin: '0px 0px 600px 0px' });
    observer.observe(button);
  }
  setHidden(button, pager.done);
  return {
    pager,
    nearEnd: () => nearEnd && loadMore(),
    /**
     * A question the welcome did not carry went on stage: read a few more pages to find it (the popular ones come
     * first, and those are the ones put on stage).
     */
    seek: (id) => {
      sought = id;
      seekPages = SEEK_PAGES;
      if (paging && !store.questions.has(id)) pager.loadMore();
    },
    /** The list's filter changed: "answered" pages the answered questions alone, "mine" pages nothing. */
    setFilter: (filter) => {
      const wanted = pagingFor(filter);
      paging = wanted.pages;
      if (wanted.pages && wanted.status !== pager.status) {
        pager.setStatus(wanted.status);
      } else {
        pager.onChange();
      }
    },
  };
}

function wireFilter(list, more) {
  const buttons = Object.fromEntries(FILTERS.map((name) => [name, $(`filter-${name}`)]));
  const select = (filter) => {
    list.setFilter(filter);
    more.setFilter(filter);
    for (const [name, button] of Object.entries(buttons)) setAttr(button, 'aria-pressed', name === filter);
  };
  for (const [name, button] of Object.entries(buttons)) button.addEventListener('click', () => select(name));
  return { select, current: () => list.filter };
}

function startSession(session, { banner, header }) {
  const store = new Store();
  const outbox = new Outbox(session.id);
  let sync = null;
  let pending = null;
  let announcements = false;
  let restLoaded = false;
  const loadRestOnce = () => {
    if (restLoaded) return;
    restLoaded = true;
    loadTheRest({
      store,
      outbox,
      onPending: (view) => {
        pending ??= view;
        pending.setOnline(connState === 'online');
      },
      onAnnouncements: (create) => {
        if (!announcements) create();
        announcements = true;
      },
    }).catch(() => {
      restLoaded = false; // fetched when the connection next settles
    });
  };
  setTimeout(loadRestOnce, REST_AT_LATEST_MS);

  const asked = new Set(); // refs of the questions asked on this page (an ack of an older one moves nothing)
  let banned = false;
  const form = new AskForm(
    {
      form: $('ask-form'), text: $('ask-text'), author: $('ask-author'), authorNote: $('ask-author-note'),
      hint: $('ask-hint'), counter: $('ask-counter'), submit: $('ask-submit'), notice: $('ask-notice'),
      offline: $('ask-offline'),
    },
    {
      onAsk: (text, author) => {
        banner.clear();
        asked.add(sync.ask(text, author));
        offer.clear();
      },
      onInvalid: (key, params) => banner.show(key, params),
    },
    { load: () => storage.draft(session.id), save: (text) => storage.setDraft(session.id, text) },
  );
  const offer = new SimilarOffer(
    { section: $('similar-offer'), list: $('similar-list'), text: $('ask-text') },
    {
      find: (text) => import('../api.js').then(({ similarQuestions }) => similarQuestions(session.id, text)),
      hasVoted: (id) => store.hasVoted(id),
      onVote: (id) => sync.vote(id, true),
      say,
    },
  );
  const list = new QuestionList({
    list: $('questions'),
    empty: $('questions-empty'),
    store,
    onVote: (id, upvote) => sync.vote(id, upvote),
    onWithdraw: (id) => sync.withdraw(id),
  });
  const polls = new PollCards($('polls'), store, (pollId, answer) => sync.act(answerPoll(pollId, answer)));
  const more = wireMore(() => sync, store);
  wireSort(list, more.pager);
  const filter = wireFilter(list, more);
  const record = watchRecord(session.id);
  if (!EMBEDDED) showStreamLink(session.id);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') record.visible();
  });
  // A ban is kept per participant: a page that joined again as someone new is not banned.
  const setBanned = (value) => {
    banned = value;
    form.setBanned(value);
    list.setBanned(value);
    offer.setEnabled(!value && store.status() !== 'closed');
  };
  const bannedHere = () => Boolean(store.participantId) && storage.banned(session.id) === store.participantId;
  let connState = 'connecting';
  const renderOffline = () => {
    setText($('offline-notice'), t('offline.notice'));
    setHidden($('offline-notice'), connState !== 'offline');
  };

  const renderSession = () => {
    header.render(store.session, store.presence);
    form.setSession(store.session);
    offer.setEnabled(!banned && store.status() !== 'closed');
    renderSessionNotice(store.status());
    if (store.status() === 'closed') record.closed();
    else record.notClosed();
  };
  // what became of the earlier sessions' questions of the series (issue 16): read at each welcome and stage change
  const carried = new CarriedOver({ sessionId: session.id,
    before: document.querySelector('.questions-section') });
  onLangChange(() => carried.render());
  // every resident reads the list again only when an earlier question goes on or off stage, spread over two
  // seconds, so a stage change in a full hall is not one read per phone at the same instant
  let carriedOnStage = null;
  store.subscribe((change) => {
    if (change.kind === 'reset' || change.kind === 'poll') polls.render();
    if (change.kind === 'presence') header.render(store.session, store.presence);
    if (change.kind === 'reset') carried.refresh();
    if (change.kind === 'stage' && (store.carriedOver ?? null) !== carriedOnStage) {
      carriedOnStage = store.carriedOver ?? null;
      setTimeout(() => carried.refresh(), Math.random() * 2000);
    }
    if (change.kind === 'stage' && store.stage && !store.questions.has(store.stage)) more.seek(store.stage);
    if (change.kind === 'reset' || change.kind === 'session') {
      useSessionLocale(store.session?.locale);
      renderSession();
    }
    if (change.kind === 'reset' && bannedHere() !== banned) setBanned(bannedHere());
    // the moderators banned this participant: the server says so on its own questions (a reset brings them all)
    const own = change.kind === 'reset' ? [...store.mine] : change.kind === 'question' ? [change.id] : [];
    if (!banned && own.some((id) => store.isMine(id) && store.questions.get(id)?.authorBanned)) {
      storage.setBanned(session.id, store.participantId);
      say(t('announce.banned'));
      setBanned(true);
    }
  });

  sync = new SessionSync({
    sessionId: session.id,
    store,
    outbox,
    adoptSocket: takeEarlySocket,
    callbacks: {
      onConnState: (state) => {
        connState = state;
        renderOffline();
        header.setConnState(state);
        form.setOnline(state === 'online');
        polls.setEnabled(state === 'online');
        pending?.setOnline(state === 'online');
        if (state !== 'connecting') loadRestOnce();
        if (state === 'online') more.nearEnd();
      },
      onError: (code, entry) => {
        // a question or an upvote refused as forbidden: the moderators banned this participant
        if (code === 'forbidden' && (entry?.type === 'ask' || entry?.type === 'vote')) {
          storage.setBanned(session.id, store.participantId);
          if (!banned) say(t('announce.banned'));
          setBanned(true);
          return;
        }
        if (entry?.type === 'answerPoll' && hasString(`poll.error.${code}`)) {
          banner.show(`poll.error.${code}`);
          return;
        }
        banner.show(errorKey(code), { max: form.maxLength() });
      },
      onAck: (entry, ack) => {
        if (entry.type !== 'ask' || !ack.questionId || !asked.delete(entry.ref)) return;
        if (filter.current() === 'answered') filter.select(DEFAULT_FILTER);
        list.showReceived(ack.questionId);
        const pending = store.questions.get(ack.questionId)?.status === 'pending'
          || (store.session?.moderation === 'pre' && !store.questions.has(ack.questionId));
        say(t(pending ? 'announce.received.pending' : 'announce.received.live'));
      },
      onAskRefused: (entry) => form.restore(entry.text),
      // the stored identity was refused (it expired, say): the page joined again as a new resident
      onRejoined: () => banner.show('error.rejoined'),
      onTerminal: () => showNotFound(header),
      onHello: (message) => {
        if (message.type === 'welcome') more.pager.reset(message.more);
        return true;
      },
    },
  });

  onLangChange(() => {
    renderOffline();
    renderSessionNotice(store.status());
    form.render();
    offer.render();
    pending?.render();
    list.refresh();
    polls.render();
    banner.render();
  });

  store.setInitialSession(session);
  sync.start();
}

/** The widget (/embed/<code>) sits beside the stream already: no stream link there, links open a new tab. */
const EMBEDDED = /^\/embed\//.test(window.location.pathname);

/** The session's livestream link, when the organizer set one (https only, checked by the server). */
function showStreamLink(sessionId) {
  import('../api.js').then(({ streamSettings }) => streamSettings(sessionId)).then((settings) => {
    const url = settings?.streamUrl;
    if (typeof url !== 'string' || !url.startsWith('https://')) return;
    setAttr($('stream-link'), 'href', url);
    setHidden($('stream-box'), false);
  }).catch(() => {});
}

async function main() {
  if (EMBEDDED) {
    document.body.classList.add('is-embed');
    for (const link of document.querySelectorAll('a.brand')) {
      link.target = '_blank';
      link.rel = 'noopener';
    }
  }
  initLanguage($('lang-switch'), { followBrowser: true });
  const banner = new ErrorBanner({ box: $('error-box'), text: $('error-banner'), dismiss: $('error-dismiss') });
  const header = new Header({
    title: $('session-title'), status: $('session-status'), code: $('session-code'),
    presence: $('presence-count'), conn: $('conn-state'),
  });
  header.render(null, null);
  onLangChange(() => header.refresh());

  const code = codeFromPath(window.location.pathname);
  const session = code ? await findSession(code, banner, header) : null;
  if (!session) {
    showNotFound(header);
    return;
  }
  startSession(session, { banner, header });
}

main();
