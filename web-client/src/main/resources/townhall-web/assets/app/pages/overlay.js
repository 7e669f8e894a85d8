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

  const render = () => {
    setText($('overlay-title'), store.session?.title ?? '');
    const question = store.stage ? store.questions.get(store.stage) ?? null : null;
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
    if (['reset', 'session', 'question', 'stage'].includes(change.kind)) schedule();
  });
  render();
}

function showOnly(id) {
  for (const other of ['overlay-question', 'overlay-poll', 'overlay-invalid', 'overlay-missing']) {
    setHidden($(other), other !== id);
  }
}

main();
