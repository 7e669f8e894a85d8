// A poll's results, drawn as bars with their numbers written out, so they read as text (a screen reader hears
// "Công viên: 12 (24%)"); a text poll's word cloud (views/word-cloud.js: the canvas and, beside it, the words with
// their counts as a list) and its answers as a list. Shared by the resident page, the stage, the speaker view and the
// console.

import { t } from '../i18n.js';
import { el, setAttr, setUserText } from './dom.js';

/** Each results box's word cloud, kept across renders so new words redraw it instead of building it again. */
const clouds = new WeakMap();
let cloudCount = 0;

/** The word cloud of `box` (made once, `size` its canvas's pixels), its texts in the page's language. */
function cloudFor(box, size) {
  let cloud = clouds.get(box);
  if (!cloud) {
    const node = el('div', 'poll-cloud');
    const canvas = el('canvas', 'poll-cloud-canvas');
    canvas.width = size.width;
    canvas.height = size.height;
    canvas.setAttribute('role', 'img');
    const list = el('ol', 'poll-cloud-words');
    list.id = `poll-cloud-words-${++cloudCount}`;
    canvas.setAttribute('aria-describedby', list.id);
    const empty = el('p', 'poll-note poll-cloud-empty');
    canvas.hidden = true; // until the view draws
    empty.hidden = true;
    node.append(canvas, list, empty);
    cloud = { node, canvas, list, empty, view: null, loading: null, words: [], lang: null };
    clouds.set(box, cloud);
  }
  const lang = document.documentElement.lang;
  if (cloud.lang !== lang) {
    cloud.lang = lang;
    setAttr(cloud.canvas, 'aria-label', t('cloud.label'));
    setAttr(cloud.node.querySelector('.poll-cloud-words'), 'aria-label', t('cloud.words'));
    cloud.empty.textContent = t('cloud.empty');
    if (cloud.view) cloud.view.shown = ''; // the list's counts are written in the page's language: drawn again
  }
  return cloud;
}

/**
 * Draws the words in the cloud. The view (and wordcloud2.js after it) is loaded on the first text poll's results,
 * not with the page: most sessions never show a cloud, and a phone's first load stays small.
 */
function drawCloud(cloud, words) {
  cloud.words = words;
  if (cloud.view) {
    cloud.view.render(words);
    return;
  }
  cloud.loading ??= import('./word-cloud.js').then(({ WordCloudView }) => {
    cloud.view = new WordCloudView({ canvas: cloud.canvas, list: cloud.list, empty: cloud.empty });
    cloud.view.render(cloud.words);
  }).catch(() => {
    cloud.loading = null; // the next results try again
  });
}

/** The labels of a poll's counts: its options, or the ratings 1 to 5. */
export function pollLabels(poll) {
  if (poll.kind === 'rating') return [1, 2, 3, 4, 5].map((n) => t('poll.rating.value', { n }));
  return poll.options ?? [];
}

/** The mean rating of a rating poll's results, one decimal, or null without answers. */
export function meanRating(results) {
  let sum = 0;
  let count = 0;
  (results.counts ?? []).forEach((c, i) => {
    sum += c * (i + 1);
    count += c;
  });
  return count ? (sum / count).toFixed(1) : null;
}

/**
 * Draws `poll`'s results into `box` (emptied first). Without results (hidden until close for this reader) a note
 * says when they come. `onHide(n)` (moderators) adds a hide button to each text answer. With `cloud` ({width,
 * height}: the canvas's pixels), a text poll's results start with its word cloud; `texts: false` leaves the answers
 * themselves out (a big screen shows the cloud).
 */
export function renderPollResults(box, poll, { onHide, cloud, texts = true } = {}) {
  box.replaceChildren();
  const results = poll.results;
  if (!results) {
    box.append(el('p', 'poll-note', t(poll.status === 'closed' ? 'poll.results.none' : 'poll.results.hidden')));
    return;
  }
  if (poll.kind === 'text' && cloud) {
    const shown = cloudFor(box, cloud);
    box.append(shown.node);
    drawCloud(shown, results.words ?? []);
  }
  if (poll.kind === 'text' && texts) {
    const list = el('ul', 'poll-texts');
    for (const answer of results.texts ?? []) {
      const item = el('li', 'poll-text');
      const text = el('span', 'poll-text-value');
      setUserText(text, answer.text);
      item.append(text);
      if (onHide) {
        const hide = el('button', 'button poll-hide', t('poll.hide'));
        hide.type = 'button';
        hide.setAttribute('aria-label', t('poll.hide.label', { text: answer.text }));
        hide.addEventListener('click', () => onHide(answer.n));
        item.append(hide);
      }
      list.append(item);
    }
    if (!list.childElementCount) box.append(el('p', 'poll-note', t('poll.texts.none')));
    else box.append(list);
  } else if (poll.kind !== 'text') {
    const labels = pollLabels(poll);
    const most = Math.max(1, ...results.counts);
    const list = el('ul', 'poll-bars');
    labels.forEach((label, i) => {
      const count = results.counts[i] ?? 0;
      const share = results.answers ? Math.round((count * 100) / results.answers) : 0;
      const item = el('li', 'poll-bar');
      const name = el('span', 'poll-bar-label');
      setUserText(name, label, poll.kind !== 'rating');
      const track = el('span', 'poll-bar-track');
      track.setAttribute('aria-hidden', 'true');
      const fill = el('span', 'poll-bar-fill');
      fill.style.width = `${(count * 100) / most}%`;
      track.append(fill);
      const value = el('span', 'poll-bar-value', t('poll.count', { count, share }));
      item.append(name, track, value);
      list.append(item);
    });
    box.append(list);
    if (poll.kind === 'rating' && meanRating(results) !== null) {
      box.append(el('p', 'poll-mean', t('poll.rating.mean', { mean: meanRating(results) })));
    }
  }
  box.append(el('p', 'poll-total', t('poll.answers', { n: results.answers })));
}
