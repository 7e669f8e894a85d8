// A poll's results, drawn as bars with their numbers written out, so they read as text (a screen reader hears
// "Công viên: 12 (24%)"); a text poll's answers as a list (the hook for a word cloud: poll.results.texts). Shared by
// the resident page, the stage, the speaker view and the console.

import { t } from '../i18n.js';
import { el, setUserText } from './dom.js';

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
 * says when they come. `onHide(n)` (moderators) adds a hide button to each text answer.
 */
export function renderPollResults(box, poll, { onHide } = {}) {
  box.replaceChildren();
  const results = poll.results;
  if (!results) {
    box.append(el('p', 'poll-note', t(poll.status === 'closed' ? 'poll.results.none' : 'poll.results.hidden')));
    return;
  }
  if (poll.kind === 'text') {
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
  } else {
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
