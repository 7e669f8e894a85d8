// Entry of the livestream overlay (/overlay/<id>#token=<stage token>): a browser source for OBS or vMix, 1920×1080,
// transparent, showing the question on stage as a lower third and the open poll as another, with its results in
// one line when the hall may see them (the leading answers, the mean rating, or a text poll's top words), updated
// live over the WebSocket with the stage token, like the stage screen (display.js).

import { frameScheduler, startDisplay } from '../display.js';
import { t } from '../i18n.js';
import { setHidden, setText, setUserText } from '../views/dom.js';
import { meanRating, pollLabels } from '../views/poll-results.js';

/** How many answers or words the poll's line names: a lower third is read at a glance. */
const OVERLAY_TOP = 5;

const $ = (id) => document.getElementById(id);

function main() {
  const shown = startDisplay({
    path: /^\/overlay\/([^/]+)\/?$/,
    conn: $('conn-state'),
    onMissing: () => showOnly('overlay-missing'),
    onInvalidLink: () => showOnly('overlay-invalid'),
  });
  if (!shown) return;
  const { store } = shown;
  const box = $('overlay-question');
  const text = box.querySelector('.lower-third-text');
  const author = box.querySelector('.lower-third-author');
  let shownId = null;

  const pollBox = $('overlay-poll');
  const pollText = pollBox.querySelector('.lower-third-text');
  const pollLine = pollBox.querySelector('.overlay-poll-results');

  const render = () => {
    setText($('overlay-title'), store.session?.title ?? '');
    const question = store.stage ? store.questions.get(store.stage) ?? null : null;
    const poll = openPoll(store);
    setHidden(pollBox, !poll);
    if (poll) {
      setUserText(pollText, poll.question ?? '');
      setUserText(pollLine, resultsLine(poll), poll.kind !== 'rating');
    }
    // both shown: the poll's bar stands above the question's
    $('overlay').dataset.both = String(Boolean(poll && question));
    setHidden(box, !question);
    if (!question) {
      shownId = null;
      return;
    }
    box.dataset.id = question.id;
    setUserText(text, question.text);
    setUserText(author, question.author || t('q.anonymous'), Boolean(question.author));
    if (shownId !== question.id) {
      box.classList.remove('is-new');
      void box.offsetWidth;
      box.classList.add('is-new');
      shownId = question.id;
    }
  };
  const schedule = frameScheduler(render);
  store.subscribe((change) => {
    if (['reset', 'session', 'question', 'stage', 'poll'].includes(change.kind)) schedule();
  });
  render();
}

/** The open poll (the one opened last): shown as a second lower third with its question and results. */
function openPoll(store) {
  const polls = typeof store.pollList === 'function' ? store.pollList() : [];
  let shown = null;
  for (const poll of polls) {
    if (poll?.status === 'open' && (!shown || (poll.openedAt ?? 0) > (shown.openedAt ?? 0))) shown = poll;
  }
  return shown;
}

/**
 * The poll's results in one line, or '' while the hall may not see them: a text poll's most frequent words, a
 * rating's mean, the answers chosen most (with their counts) of a choice poll.
 */
function resultsLine(poll) {
  const results = poll.results;
  if (!results || !results.answers) return '';
  if (poll.kind === 'text') return (results.words ?? []).slice(0, OVERLAY_TOP).map((w) => w.word).join(' · ');
  if (poll.kind === 'rating') return t('poll.rating.mean', { mean: meanRating(results) });
  const labels = pollLabels(poll);
  return (results.counts ?? []).map((count, i) => ({ label: labels[i], count }))
    .filter((option) => option.count > 0)
    .sort((a, b) => b.count - a.count)
    .slice(0, OVERLAY_TOP)
    .map((option) => `${option.label}: ${option.count}`)
    .join(' · ');
}

function showOnly(id) {
  for (const other of ['overlay-question', 'overlay-poll', 'overlay-invalid', 'overlay-missing']) {
    setHidden($(other), other !== id);
  }
}

main();
