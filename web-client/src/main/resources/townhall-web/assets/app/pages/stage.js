// Entry of the stage screen (/stage/<id>) for a projector: the question on stage, huge; the next five by votes
// (as many as fit, then "+N more"); the join code, QR code and link; the live participant count. Once the session
// is closed, an end screen instead: thanks, how many questions were asked and answered, and where the record will
// be. Read-only, with the stage token of its link.

import { audienceUrl, carriedOver, qrUrl } from '../api.js';
import { recordPageUrl } from '../record-data.js';
import { frameScheduler, startDisplay } from '../display.js';
import { onLangChange, t } from '../i18n.js';
import { setAttr, setHidden, setText } from '../views/dom.js';
import { Announcements } from '../views/announcements.js';
import { CarriedOnStage } from '../views/carried-over.js';
import { PollDisplay } from '../views/poll-display.js';
import { DisplayQuestion, lengthClass } from '../views/display-question.js';
import { NextList } from '../views/next-list.js';

const $ = (id) => document.getElementById(id);
const LANDSCAPE = window.matchMedia('(min-aspect-ratio: 1/1)');

function main() {
  const shown = startDisplay({
    path: /^\/stage\/([^/]+)\/?$/,
    conn: $('conn-state'),
    onMissing: () => {
      setHidden($('stage'), true);
      setHidden($('stage-invalid'), true);
      setHidden($('stage-missing'), false);
    },
    onInvalidLink: () => {
      setHidden($('stage'), true);
      setHidden($('stage-missing'), true);
      setHidden($('stage-invalid'), false);
    },
  });
  if (!shown) return;
  const { store, sessionId } = shown;
  setAttr($('stage-qr'), 'src', qrUrl(sessionId));

  const current = new DisplayQuestion({ box: $('stage-question'), empty: $('stage-empty') });
  // the topics' names (issue 17); the stage shows a topic's key until they come
  fetch(`/api/sessions/${encodeURIComponent(sessionId)}/classification`)
    .then((response) => (response.ok ? response.json() : { topics: [] }))
    .then((lists) => {
      current.setTopicNames(new Map(lists.topics.map((x) => [x.key,
        document.documentElement.lang === 'en' ? x.name_en : x.name_vi])));
      renderQuestions();
    })
    .catch(() => {});
  const next = new NextList({
    list: $('stage-next'),
    empty: $('stage-next-empty'),
    more: $('stage-next-more'),
    // a projector (landscape) shows one screen, no more; a portrait screen scrolls
    bound: () => (LANDSCAPE.matches ? $('stage-next-box') : null),
    limit: 5,
  });
  /**
   * Fits the next list, and when not one waiting question fits beside a long question on stage, makes that
   * question's text a little smaller (at most four steps) so the hall sees what comes next.
   */
  const fit = () => {
    let scale = 1;
    $('stage').style.setProperty('--q-scale', '1');
    next.fit();
    while (next.shown === 0 && next.waiting > 0 && scale > 0.65 && LANDSCAPE.matches) {
      scale -= 0.1;
      $('stage').style.setProperty('--q-scale', scale.toFixed(1));
      next.fit();
    }
  };

  const renderSession = () => {
    const session = store.session;
    setText($('stage-title'), session?.title ?? '');
    if (session?.title) document.title = t('page.title', { title: session.title });
    const code = session?.code ?? '';
    setText($('stage-code'), code);
    setText($('stage-url'), code ? audienceUrl(code).replace(/^https?:\/\//, '') : '');
    const status = session?.status ?? 'open';
    setAttr($('stage-status'), 'data-status', status);
    setText($('stage-status'), status === 'open' ? '' : t(`status.${status}`));
    setHidden($('stage-status'), status === 'open');
    renderClosed();
  };
  const renderClosed = () => {
    const closed = store.session?.status === 'closed';
    $('stage').dataset.closed = String(closed);
    for (const id of ['stage-main', 'stage-next-box', 'stage-join-box']) setHidden($(id), closed);
    setHidden($('stage-closed'), !closed);
    if (!closed) return;
    // what the public saw: every question shown, not those still pending or rejected
    let asked = 0;
    let answered = 0;
    for (const question of store.questions.values()) {
      if (question.mergedInto || question.status === 'pending' || question.status === 'rejected') continue;
      asked += 1;
      if (question.status === 'answered') answered += 1;
    }
    setText($('stage-closed-questions'), String(asked));
    setText($('stage-closed-answered'), String(answered));
    setText($('stage-closed-record'), `${window.location.host}${recordPageUrl(sessionId)}`);
  };
  const renderPresence = () => setText($('stage-presence'), Number.isInteger(store.presence) ? String(store.presence) : '–');
  const renderQuestions = () => {
    const onStage = store.stage ? store.questions.get(store.stage) ?? null : null;
    // A long question needs the room: the "next" list then shows one line a question (CSS); set before the list
    // measures what fits.
    $('stage').dataset.length = onStage ? lengthClass(onStage.text) : 'none';
    current.render(onStage);
    carried.render(onStage ? null : carriedItem);
    next.render(store);
    fit();
    if (store.session?.status === 'closed') renderClosed();
  };
  const scheduleQuestions = frameScheduler(renderQuestions);
  // an earlier session's question of the series on stage (issue 16): its block replaces the question's
  const carried = new CarriedOnStage({ main: $('stage-main'), hide: [$('stage-question'), $('stage-empty')] });
  let carriedItem = null;
  const readCarried = () => carriedOver(sessionId).then((data) => {
    carriedItem = (data?.items ?? []).find((item) => item.followCode === data?.onStage) ?? null;
    scheduleQuestions();
  }).catch(() => {});
  new Announcements($('stage-live-region'), store, { answers: false, mine: false });

  const poll = new PollDisplay({
    section: $('stage-poll'), question: $('stage-poll-question'), results: $('stage-poll-results'),
    replaces: $('stage-next-box'),
  }, undefined, { endScreen: true });
  store.subscribe((change) => {
    if (change.kind === 'reset' || change.kind === 'poll' || change.kind === 'session') poll.render(store);
    if (change.kind === 'reset' || change.kind === 'session') renderSession();
    if (change.kind === 'reset' || change.kind === 'presence') renderPresence();
    if (change.kind === 'votes' && change.ids.includes(store.stage)) current.renderVotes(store.questions.get(store.stage));
    if (['reset', 'question', 'stage', 'votes'].includes(change.kind)) scheduleQuestions();
    if (change.kind === 'reset' || change.kind === 'stage') readCarried();
  });
  onLangChange(() => {
    poll.render(store);
    renderSession();
    renderQuestions();
  });
  window.addEventListener('resize', frameScheduler(fit));
  renderSession();
  renderPresence();
  renderQuestions();
}

main();
