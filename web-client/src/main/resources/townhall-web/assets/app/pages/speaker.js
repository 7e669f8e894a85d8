// Entry of the speaker view (/speaker/<id>) for the leader's tablet: the session's title, the time, the question on
// stage, large, with its state (on stage, or answered) and its written answer, and the next questions by votes.
// Read-only, with the stage token of its link.

import { carriedOver } from '../api.js';
import { frameScheduler, startDisplay } from '../display.js';
import { onLangChange, t } from '../i18n.js';
import { setAttr, setHidden, setText, setUserText } from '../views/dom.js';
import { Announcements } from '../views/announcements.js';
import { CarriedOnStage } from '../views/carried-over.js';
import { PollDisplay } from '../views/poll-display.js';
import { DisplayQuestion } from '../views/display-question.js';
import { NextList } from '../views/next-list.js';

const $ = (id) => document.getElementById(id);

function main() {
  const shown = startDisplay({
    path: /^\/speaker\/([^/]+)\/?$/,
    conn: $('conn-state'),
    onMissing: () => {
      setHidden($('speaker'), true);
      setHidden($('speaker-invalid'), true);
      setHidden($('speaker-missing'), false);
    },
    onInvalidLink: () => {
      setHidden($('speaker'), true);
      setHidden($('speaker-missing'), true);
      setHidden($('speaker-invalid'), false);
    },
  });
  if (!shown) return;
  const { store, sessionId } = shown;
  const current = new DisplayQuestion({ box: $('speaker-question'), empty: $('speaker-empty') });
  const next = new NextList({
    list: $('speaker-next'), empty: $('speaker-next-empty'), more: $('speaker-next-more'), limit: 5,
  });
  // an earlier session's question of the series on stage (issue 16), in place of the session's own
  const carried = new CarriedOnStage({ main: document.querySelector('.speaker-main'),
    hide: [$('speaker-question'), $('speaker-empty')] });
  let carriedItem = null;
  const render = () => {
    const onStage = store.stage ? store.questions.get(store.stage) ?? null : null;
    current.render(onStage);
    carried.render(onStage ? null : carriedItem);
    next.render(store);
  };
  const schedule = frameScheduler(render);
  const readCarried = () => carriedOver(sessionId).then((data) => {
    carriedItem = (data?.items ?? []).find((item) => item.followCode === data?.onStage) ?? null;
    schedule();
  }).catch(() => {});
  new Announcements($('speaker-live-region'), store, { answers: false, mine: false });
  const renderTitle = () => {
    const title = store.session?.title;
    setUserText($('speaker-title'), title || 'Townhall', Boolean(title));
    if (title) document.title = t('page.title', { title });
    const status = store.session?.status ?? 'open';
    setAttr($('speaker-status'), 'data-status', status);
    setText($('speaker-status'), status === 'open' ? '' : t(`status.${status}`));
    setHidden($('speaker-status'), status === 'open');
  };
  startClock($('speaker-clock'));
  const poll = new PollDisplay({
    section: $('speaker-poll'), question: $('speaker-poll-question'), results: $('speaker-poll-results'),
    replaces: $('speaker-next-box'),
  }, { width: 800, height: 480 });
  store.subscribe((change) => {
    if (change.kind === 'reset' || change.kind === 'poll') poll.render(store);
    if (change.kind === 'reset' || change.kind === 'session') renderTitle();
    if (change.kind === 'votes' && change.ids.includes(store.stage)) current.renderVotes(store.questions.get(store.stage));
    if (['reset', 'question', 'stage', 'votes'].includes(change.kind)) schedule();
    if (change.kind === 'reset' || change.kind === 'stage') readCarried();
  });
  onLangChange(() => {
    poll.render(store);
    renderTitle();
    render();
  });
  renderTitle();
  render();
}

/** The time of day (hours and minutes, the device's zone), kept right by a timer that wakes at each new minute. */
function startClock(node) {
  const tick = () => {
    const now = new Date();
    const hh = String(now.getHours()).padStart(2, '0');
    const mm = String(now.getMinutes()).padStart(2, '0');
    setText(node, `${hh}:${mm}`);
    setAttr(node, 'datetime', `${hh}:${mm}`);
    setTimeout(tick, 60_000 - (now.getSeconds() * 1000 + now.getMilliseconds()) + 50);
  };
  tick();
}

main();
