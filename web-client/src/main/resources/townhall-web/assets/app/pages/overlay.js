// Entry of the livestream overlay (/overlay/<id>#token=<stage token>): a browser source for OBS or vMix, 1920×1080,
// transparent, showing the question on stage as a lower third (and, once polls exist, the poll being shown),
// updated live over the WebSocket with the stage token, like the stage screen (display.js).

import { frameScheduler, startDisplay } from '../display.js';
import { t } from '../i18n.js';
import { setHidden, setText, setUserText } from '../views/dom.js';

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

  const render = () => {
    setText($('overlay-title'), store.session?.title ?? '');
    const question = store.stage ? store.questions.get(store.stage) ?? null : null;
    const poll = openPoll(store);
    setHidden(pollBox, !poll);
    if (poll) setUserText(pollText, poll.question ?? '');
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

/**
 * The open poll (the one opened last) once the store holds polls (issue 18 item 1, another branch): shown as a
 * second lower third with its question. Without polls in the store, none.
 */
function openPoll(store) {
  const polls = typeof store.pollList === 'function' ? store.pollList() : [];
  let shown = null;
  for (const poll of polls) {
    if (poll?.status === 'open' && (!shown || (poll.openedAt ?? 0) > (shown.openedAt ?? 0))) shown = poll;
  }
  return shown;
}

function showOnly(id) {
  for (const other of ['overlay-question', 'overlay-poll', 'overlay-invalid', 'overlay-missing']) {
    setHidden($(other), other !== id);
  }
}

main();
