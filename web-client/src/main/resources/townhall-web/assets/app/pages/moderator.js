// Entry of the moderator console (/m/<id>#token=…): takes the token out of the URL, connects as a moderator and
// wires the board, dialogs, session controls, shortcuts and announcements.

import { audienceUrl, sessionAgencies, similarQuestions, stageToken } from '../api.js';
import { hasString, initLanguage, lang, onLangChange, t, useSessionLocale } from '../i18n.js';
import { takeLinkToken } from '../link-token.js';
import { ModActions } from '../mod-actions.js';
import { TABS, canDo } from '../moderation.js';
import { DEFAULT_MAX_LENGTH, TOKEN_REFUSED_CLOSE } from '../protocol.js';
import { Outbox } from '../outbox.js';
import { pageEveryStatus } from '../paging.js';
import { recordPageUrl } from '../record-data.js';
import { storage } from '../storage.js';
import { offerToken } from '../token-handoff.js';
import { Store } from '../store.js';
import { SessionSync } from '../sync.js';
import { graphemeCount, normalizeQuestion } from '../text.js';
import { setAttr, setHidden, setText } from '../views/dom.js';
import { ErrorBanner } from '../views/error-banner.js';
import { Header } from '../views/header.js';
import { LiveAnnouncer } from '../views/live-announcer.js';
import { ModBoard } from '../views/mod-board.js';
import {
  AnswerDialog, BanDialog, ConfirmDialog, MergeDialog, RejectDialog, WithholdDialog,
} from '../views/mod-dialogs.js';
import { CarriedOver } from '../views/carried-over.js';
import { FollowUpDialog } from '../views/mod-follow-up.js';
import { installShortcuts } from '../views/mod-keys.js';
import { setTopicNames } from '../views/mod-row.js';
import { ClassifyDialog } from '../views/mod-classify.js';
import { SignalsPanel } from '../views/mod-signals.js';
import { BulkApproval, wireSearch } from '../views/mod-tools.js';
import * as protocol from '../protocol.js';
import { PollsPanel } from '../views/mod-polls.js';
import { SlipDialog } from '../views/mod-slip.js';

const $ = (id) => document.getElementById(id);

function sessionIdFromPath(pathname) {
  const match = /^\/m\/([^/]+)\/?$/.exec(pathname);
  return match ? decodeURIComponent(match[1]) : null;
}

/** The token arrives in the fragment (#token=…); it is kept for this tab only and taken out of the address bar. */
function takeToken(sessionId) {
  return takeLinkToken({
    get: () => storage.moderatorToken(sessionId),
    set: (token) => storage.setModeratorToken(sessionId, token),
  });
}

/**
 * The stage screen's and the speaker view's links carry a stage token of their own, which the console asks for
 * with its moderator token; until it has one, the two links stay hidden (without a token they would not work).
 */
function wireStageLinks(sessionId) {
  let asked = false;
  return {
    /** Asks once a welcome confirmed the moderator token; a failed request is tried again at the next welcome. */
    fetch: () => {
      if (asked) return;
      asked = true;
      stageToken(storage.moderatorToken(sessionId), sessionId).then(({ links }) => {
        setAttr($('mod-link-stage'), 'href', links.stage);
        setAttr($('mod-link-speaker'), 'href', links.speaker);
        setHidden($('mod-link-stage'), false);
        setHidden($('mod-link-speaker'), false);
      }).catch(() => {
        asked = false;
      });
    },
  };
}

/** Which message explains a refused action. */
function errorMessage(code, entry) {
  if (entry?.type === 'poll' && hasString(`poll.error.${code}`)) return [`poll.error.${code}`];
  if (entry?.type === 'session' && code === 'conflict') return ['mod.error.session_conflict'];
  const params = { id: entry?.questionId ?? '?' };
  if (hasString(`mod.error.${code}`)) return [`mod.error.${code}`, params];
  return [hasString(`error.${code}`) ? `error.${code}` : 'error.unknown', { max: DEFAULT_MAX_LENGTH }];
}

function showOnly(id) {
  for (const name of ['mod-console', 'mod-denied', 'mod-expired', 'mod-notfound']) setHidden($(name), name !== id);
}

function main() {
  initLanguage($('lang-switch'));
  const header = new Header({
    title: $('session-title'), status: $('mod-session-status'), code: $('mod-code'),
    presence: $('mod-presence'), conn: $('mod-conn-state'),
  });
  header.render(null, null);
  onLangChange(() => header.refresh());
  const banner = new ErrorBanner({ box: $('error-box'), text: $('error-banner'), dismiss: $('error-dismiss') });
  onLangChange(() => banner.render());

  const sessionId = sessionIdFromPath(window.location.pathname);
  const token = sessionId ? takeToken(sessionId) : null;
  if (!sessionId) {
    showOnly('mod-notfound');
    header.setMissing();
    return;
  }
  if (!token) {
    showOnly('mod-denied');
    header.setConnState('offline');
    return;
  }
  // the record page, previewed with this console's token until the record is published: the link carries no
  // token, the page it opens asks this console for it
  setAttr($('mod-link-record'), 'href', recordPageUrl(sessionId, { preview: true }));
  offerToken(sessionId, () => storage.moderatorToken(sessionId));
  startConsole(sessionId, { header, banner });
}

function startConsole(sessionId, { header, banner }) {
  const store = new Store();
  const actions = new ModActions();
  const announcer = new LiveAnnouncer($('mod-live-region'));
  const maxLength = () => (Number.isInteger(store.session?.maxLength) ? store.session.maxLength : DEFAULT_MAX_LENGTH);

  const tabs = Object.fromEntries(TABS.map((name) => {
    const tab = $(`tab-${name}`);
    return [name, {
      tab, count: tab.querySelector('.tab-count'), panel: $(`panel-${name}`), list: $(`list-${name}`),
      scroll: $(`scroll-${name}`), empty: $(`empty-${name}`),
    }];
  }));

  const dialogs = {
    reject: new RejectDialog($('reject-dialog'), () => store.session?.locale ?? 'vi'),
    answer: new AnswerDialog($('answer-dialog')),
    merge: new MergeDialog($('merge-dialog'), () => store.questions,
      (text) => similarQuestions(sessionId, text)),
    withhold: new WithholdDialog($('withhold-dialog')),
    ban: new BanDialog($('ban-dialog')),
    classify: new ClassifyDialog($('classify-dialog')),
    close: new ConfirmDialog($('close-dialog')),
    followUp: new FollowUpDialog(() => sessionAgencies(storage.moderatorToken(sessionId), sessionId)),
    slip: new SlipDialog($('slip-dialog'), { sessionId, token: () => storage.moderatorToken(sessionId),
      question: (id) => store.questions.get(id) }),
  };
  store.subscribe((change) => {
    if (change.kind === 'question') dialogs.slip.refresh(change.id);
  });

  // A dialog gives the focus back to where it was; if that row has gone to another tab meanwhile (or the dialog
  // was opened by a shortcut from nowhere in particular), the selection of the visible tab takes it.
  for (const dialog of Object.values(dialogs)) {
    dialog.dialog.addEventListener('close', () => setTimeout(() => {
      const focused = document.activeElement;
      if (!focused || focused === document.body || !focused.checkVisibility?.()) board.focusSelection();
    }, 0));
  }

  const send = (id, action, fields) => actions.moderate(id, action, fields).catch(() => {
    // The banner already says why (sync's onError); the row is current again once it is not busy.
  });
  const banned = wireBannedAuthors(sessionId, () => board);

  /**
   * "c" (issue 17): gives the question its topic and area in one keystroke: confirms those it has (the asker's
   * pick), else the ones its words suggest (GET …/classification/suggest); nothing when nothing is suggested.
   */
  const classify = async (id, question, pick = false) => {
    let fields = question.topic ? { topic: question.topic, ...(question.areaKey ? { area: question.areaKey } : {}) } : null;
    if (!fields) {
      try {
        const response = await fetch(`/api/sessions/${encodeURIComponent(sessionId)}/classification/suggest?text=`
          + encodeURIComponent(question.text.slice(0, maxLength())));
        const suggestion = response.ok ? await response.json() : {};
        if (suggestion.topic) fields = { topic: suggestion.topic, ...(suggestion.area ? { area: suggestion.area } : {}) };
      } catch {
        // no suggestion: nothing to confirm
      }
    }
    if (pick) dialogs.classify.open(question, fields ?? {}, (chosen) => send(id, 'classify', chosen));
    else if (fields) send(id, 'classify', fields);
  };

  /** Runs an action on one question: at once, or through its dialog. */
  const act = (action, id) => {
    const question = store.questions.get(id);
    if (!question || actions.isBusy(id)) return;
    if (action === 'classify' || action === 'classifyPick') {
      banner.clear();
      classify(id, question, action === 'classifyPick');
      return;
    }
    if (action === 'approveAndStage') {
      approveAndStage(question);
      return;
    }
    if (!canDo(action, question, store.stage === id)) return;
    if (action === 'ban' && banned.has(question)) return;
    banner.clear();
    const withDialog = {
      reject: () => dialogs.reject.open(question, (fields) => send(id, 'reject', fields)),
      withhold: () => dialogs.withhold.open(question, (fields) => send(id, 'withhold', fields)),
      answer: () => dialogs.answer.open(question, ({ text }) => send(id, 'answer', text ? { text } : {})),
      merge: () => dialogs.merge.open(question, ({ into }) => send(id, 'merge', { into })),
      ban: () => dialogs.ban.open(question, () => banned.ban(question, actions.moderate(id, 'ban'))),
      edit: () => board.startEdit(id),
      followUp: () => dialogs.followUp.open(question, (fields) => actions.moderate(id, 'followUp', fields)),
    };
    // withholding (and publishing a name) changes the record, follow-up goes on after the meeting: the server takes
    // them after the close
    const closedOk = ['withhold', 'unwithhold', 'publishName', 'followUp'].includes(action);
    if (store.status() === 'closed' && !closedOk) return;
    if (withDialog[action]) withDialog[action]();
    else send(id, action);
  };

  /**
   * One key (s) for a question asked at the microphone now (a clerk's entry flagged askingNow, or any other): a
   * pending one is approved and then put on stage; a live or answered one goes on stage.
   */
  const approveAndStage = (question) => {
    const id = question.id;
    if (store.status() === 'closed' || store.stage === id) return;
    banner.clear();
    if (canDo('approve', question, false)) {
      actions.moderate(id, 'approve').then(() => send(id, 'highlight')).catch(() => {});
    } else if (canDo('highlight', question, false)) {
      send(id, 'highlight');
    }
  };

  let search = null;
  let bulk = null;
  // the topics' names for the rows' badges (issue 17): the rows drawn before they came are labelled again
  loadTopicNames(sessionId).then((lists) => {
    board.relabel();
    dialogs.classify.setLists(lists);
    wireTopicFilter(lists, (key) => board.filterTopic(key));
  });
  const board = new ModBoard({
    store,
    tabs,
    liveSort: { asked: $('live-sort-asked'), votes: $('live-sort-votes') },
    handlers: {
      onAction: act,
      onSlip: (id) => dialogs.slip.open(id),
      onEdit: (id, text, publishOriginal) => {
        banner.clear();
        return actions.moderate(id, 'edit', publishOriginal ? { text, publishOriginal: true } : { text });
      },
      onArrived: (question) => {
        if (question.status === 'pending') announcer.newPending();
      },
      isBusy: (id) => actions.isBusy(id),
      isBanned: (question) => banned.has(question),
      onCounts: () => {
        bulk?.render();
        search?.render();
        setHidden($('live-sort'), $('tab-live').getAttribute('aria-selected') !== 'true');
      },
      validateEdit: (value) => {
        const text = normalizeQuestion(value);
        if (!text) return { text, problem: ['mod.error.edit_empty'] };
        if (graphemeCount(text) > maxLength()) return { text, problem: ['error.too_long', { max: maxLength() }] };
        return { text, problem: null };
      },
    },
  });
  actions.onBusyChange((id) => board.refreshRow(id));
  search = wireSearch({ board, nodes: { input: $('mod-search'), count: $('mod-search-count') } });
  bulk = new BulkApproval({
    board,
    nodes: {
      button: $('approve-shown'), hint: $('approve-shown-hint'), bar: $('approve-undo'), text: $('approve-undo-text'),
      undo: $('approve-undo-button'), now: $('approve-undo-now'),
    },
    approve: (id) => (store.questions.get(id)?.status === 'pending' ? send(id, 'approve') : Promise.resolve()),
    closed: () => store.status() === 'closed',
  });
  bulk.render();

  const stageBox = wireStageBox(store, act);
  const stageLinks = wireStageLinks(sessionId);
  const controls = wireSessionControls(store, actions, dialogs.close, banner);

  const toggleHelp = (open) => {
    const panel = $('shortcuts-help');
    const next = open ?? panel.hidden;
    setHidden(panel, !next);
    setAttr($('help-toggle'), 'aria-expanded', next);
  };
  $('help-toggle').addEventListener('click', () => toggleHelp());
  installShortcuts({ board, act, toggleHelp, focusSearch: () => search.focus() });

  const renderSession = () => {
    header.render(store.session, store.presence);
    if (store.session?.title) document.title = t('mod.page.title', { title: store.session.title });
    if (store.session?.code) setAttr($('mod-link-audience'), 'href', audienceUrl(store.session.code));
    controls.render();
    bulk.render();
  };
  // the earlier sessions' open questions of the series (issue 16), to put on stage and mark answered there
  const carried = new CarriedOver({ sessionId, before: $('mod-stage'), token: () => storage.moderatorToken(sessionId),
    onError: (error) => banner.show('followup.error.other', { message: error.message || error.code || '' }) });
  onLangChange(() => carried.render());
  store.subscribe((change) => {
    if (change.kind === 'reset' || change.kind === 'stage') carried.refresh();
    if (change.kind === 'presence') header.render(store.session, store.presence);
    if (change.kind === 'reset' || change.kind === 'session') {
      useSessionLocale(store.session?.locale);
      renderSession();
    }
    if (change.kind === 'reset' || change.kind === 'stage' || change.kind === 'question') stageBox.render();
    // a question whose author was banned (by any moderator, on any node) says so: mark every question of the author
    if (change.kind === 'question') banned.seen(store.questions.get(change.id));
    if (change.kind === 'reset' || change.kind === 'page') {
      const ids = change.kind === 'page' ? change.ids : [...store.questions.keys()];
      ids.forEach((id) => banned.seen(store.questions.get(id)));
    }
  });

  // A bounded welcome (`more`) leaves questions out: read every status to its end, so the console holds them all.
  const paging = pageEveryStatus({ request: (message, callback) => sync.request(message, callback), store });
  let polls = null;
  const sync = new SessionSync({
    sessionId,
    store,
    outbox: new Outbox(sessionId, { persist: false }),
    tokens: {
      get: (id) => storage.moderatorToken(id),
      // A token handed back to a moderator is theirs to keep; a resident identity made for a bad link is not.
      set: (id, token, message) => {
        if (message.role === 'moderator') storage.setModeratorToken(id, token);
      },
    },
    callbacks: {
      onConnState: (state) => {
        header.setConnState(state);
        if (state === 'online') paging.pump();
      },
      onHello: (message) => {
        if (message.role !== 'moderator') {
          showOnly('mod-denied');
          sync.stop();
          header.setConnState('offline');
          return false;
        }
        showOnly('mod-console');
        stageLinks.fetch();
        if (message.type === 'welcome') paging.reset(message.more);
        return true;
      },
      onAck: (entry, ack) => {
        actions.acked(entry, ack);
        polls?.acked(entry);
      },
      onError: (code, entry, message) => {
        polls?.refused(entry);
        actions.refused(entry, code, message);
        banner.show(...errorMessage(code, entry));
      },
      onAskRefused: () => {},
      onTerminal: (code) => {
        if (code === TOKEN_REFUSED_CLOSE) {
          // expired, or from before the server's secret changed: this link will not work again
          storage.setModeratorToken(sessionId, null);
          showOnly('mod-expired');
          header.setConnState('offline');
          return;
        }
        showOnly('mod-notfound');
        header.setMissing();
      },
    },
  });
  actions.attach(sync);
  polls = new PollsPanel({
    form: $('poll-form'), kind: $('poll-kind'), question: $('poll-question'), options: $('poll-options'),
    optionsRow: $('poll-options-row'), max: $('poll-max'), maxRow: $('poll-max-row'), hidden: $('poll-hidden'),
    list: $('mod-poll-list'), empty: $('mod-poll-empty'), notice: $('poll-notice'),
  }, store, (message) => sync.act(message));
  store.subscribe((change) => {
    if (change.kind === 'reset' || change.kind === 'poll') polls.render();
  });

  const signals = new SignalsPanel({
    nodes: {
      toggle: $('signals-toggle'), panel: $('mod-signals'), thresholds: $('mod-signals-thresholds'),
      status: $('mod-signals-status'), list: $('mod-signals-list'),
    },
    store,
    request: (callback) => sync.request(protocol.signals(), callback),
    reveal: (id) => board.reveal(id),
  });

  onLangChange(() => {
    signals.relabel();
    board.relabel();
    bulk.render();
    search.render();
    for (const dialog of Object.values(dialogs)) dialog.relabel();
    stageBox.render();
    renderSession();
    polls.render();
  });
  sync.start();
}

/**
 * The banned authors, by their tag: their questions are marked. The server marks the question an author was banned
 * for (`authorBanned`, moderators and the author only); this console marks every question of that author, and its
 * own bans at once (a ban answered `conflict` was done before, by another moderator: marked too).
 */
function wireBannedAuthors(sessionId, board) {
  const tags = new Set(storage.moderatorBanned(sessionId));
  const mark = (tag) => {
    if (!tag || tags.has(tag)) return;
    tags.add(tag);
    storage.setModeratorBanned(sessionId, [...tags]);
    board().refreshRendered();
  };
  return {
    has: (question) => Boolean(question?.authorTag) && tags.has(question.authorTag),
    seen: (question) => {
      if (question?.authorBanned) mark(question.authorTag);
    },
    ban: (question, answer) => answer.then(() => mark(question.authorTag), (error) => {
      if (error?.code === 'conflict') mark(question.authorTag);
    }),
  };
}

function wireStageBox(store, act) {
  const toggle = $('mod-stage-toggle');
  const setCollapsed = (collapsed) => {
    setAttr($('mod-stage'), 'data-collapsed', collapsed);
    setAttr(toggle, 'aria-expanded', !collapsed);
    setText(toggle, t(collapsed ? 'mod.stage.expand' : 'mod.stage.collapse'));
  };
  toggle.addEventListener('click', () => {
    const expanded = toggle.getAttribute('aria-expanded') !== 'true';
    storage.setModeratorStageExpanded(expanded);
    setCollapsed(!expanded);
    window.dispatchEvent(new Event('resize')); // the question list takes the room it left, or gives it back
  });
  const render = () => {
    setCollapsed(!storage.moderatorStageExpanded());
    const id = store.stage;
    const question = id ? store.questions.get(id) : null;
    setHidden($('mod-stage-empty'), Boolean(question));
    setHidden($('mod-stage-current'), !question);
    setHidden(toggle, !question);
    if (!question) return;
    setText($('mod-stage-id'), `#${question.id}`);
    setText($('mod-stage-text'), question.text);
    $('mod-stage-text').lang = '';
    $('mod-stage-off').disabled = store.status() === 'closed';
  };
  $('mod-stage-off').addEventListener('click', () => {
    if (store.stage) act('unhighlight', store.stage);
  });
  return { render };
}

function wireSessionControls(store, actions, closeDialog, banner) {
  const buttons = { open: $('session-open'), pause: $('session-pause'), close: $('session-close') };
  let sending = false;
  const render = () => {
    const status = store.status();
    buttons.open.disabled = sending || status === 'open';
    buttons.pause.disabled = sending || status !== 'open';
    buttons.close.disabled = sending || status === 'closed';
    const notice = $('mod-session-notice');
    const shown = status === 'paused' || status === 'closed';
    setAttr(notice, 'data-status', status);
    setText(notice, shown ? t(`mod.notice.${status}`) : '');
    setHidden(notice, !shown);
  };
  const run = (action) => {
    banner.clear();
    sending = true;
    render();
    actions.session(action).catch(() => {}).finally(() => {
      sending = false;
      render();
    });
  };
  buttons.open.addEventListener('click', () => run('open'));
  buttons.pause.addEventListener('click', () => run('pause'));
  buttons.close.addEventListener('click', () => closeDialog.open(null, () => run('close')));
  return { render };
}

main();

/** The session's topic and area names (issue 17), for the rows' topic badges; keys are shown without them. */
async function loadTopicNames(sessionId) {
  await Promise.resolve(); // the board exists once this continues
  try {
    const response = await fetch(`/api/sessions/${encodeURIComponent(sessionId)}/classification`);
    if (response.ok) {
      const lists = await response.json();
      setTopicNames(lists);
      return lists;
    }
  } catch {
    // the badges show the keys
  }
  return null;
}

/** The console's filter by topic (issue 17): every topic of the session's lists, and "not classified". */
function wireTopicFilter(lists, onChange) {
  if (!lists?.topics?.length) return;
  const select = $('mod-topic-filter');
  const fill = () => {
    const value = select.value;
    const option = (key, text) => {
      const o = document.createElement('option');
      o.value = key;
      o.textContent = text;
      return o;
    };
    select.replaceChildren(option('*', t('topic.filter.all')), option('', t('topic.none')),
      ...lists.topics.map((x) => option(x.key, lang() === 'en' ? x.name_en : x.name_vi)));
    select.value = value || '*';
  };
  fill();
  onLangChange(fill);
  select.addEventListener('change', () => onChange(select.value === '*' ? null : select.value));
  setHidden($('mod-topic-box'), false);
}
