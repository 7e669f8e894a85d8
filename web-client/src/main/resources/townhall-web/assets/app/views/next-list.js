// "Up next": the few live questions with the most votes, not counting the one on stage. One <li> per question
// id, reused while it stays in the list, so a vote frame changes numbers and at most moves a node. With a `bound`
// (the box the list must stay inside), the questions that would run past its bottom are hidden and a "+N more"
// line counts them with every other waiting question, so a projector never shows half a question.

import { t } from '../i18n.js';
import { SORTS } from '../questions.js';
import { el, setHidden, setText, setUserText } from './dom.js';

/** Every live question waiting, by votes, not counting the one on stage. */
export function waitingQuestions(store) {
  const candidates = [];
  for (const question of store.questions.values()) {
    if (question.status === 'live' && !question.mergedInto && question.id !== store.stage) candidates.push(question);
  }
  return candidates.sort(SORTS.popular);
}

export function nextQuestions(store, limit) {
  return waitingQuestions(store).slice(0, limit);
}

export class NextList {
  /**
   * @param {{list: HTMLOListElement|HTMLUListElement, empty: HTMLElement|null, limit: number,
   *   more?: HTMLElement|null, bound?: () => HTMLElement|null}} options the bound is asked for at each fit (none:
   *   the list takes the room it needs)
   */
  constructor({ list, empty, limit, more = null, bound = null }) {
    this.list = list;
    this.empty = empty;
    this.limit = limit;
    this.more = more;
    this.bound = bound;
    this.items = new Map();
    this.waiting = 0;
    this.shown = 0;
  }

  render(store) {
    const waiting = waitingQuestions(store);
    this.waiting = waiting.length;
    const questions = waiting.slice(0, this.limit);
    const keep = new Set(questions.map((q) => q.id));
    for (const [id, item] of this.items) {
      if (!keep.has(id)) {
        item.li.remove();
        this.items.delete(id);
      }
    }
    let cursor = this.list.firstElementChild;
    for (const question of questions) {
      let item = this.items.get(question.id);
      if (!item) {
        item = createItem(question.id);
        this.items.set(question.id, item);
      }
      setUserText(item.text, question.text);
      setUserText(item.author, question.author || t('q.anonymous'), Boolean(question.author));
      item.author.classList.toggle('is-anonymous', !question.author);
      setText(item.votes, String(question.votes ?? 0));
      setText(item.votesLabel, t('q.votes.label'));
      if (item.li === cursor) cursor = cursor.nextElementSibling;
      else this.list.insertBefore(item.li, cursor);
    }
    if (this.empty) {
      setText(this.empty, t('stage.next.empty'));
      setHidden(this.empty, questions.length > 0);
    }
    this.fit();
  }

  /**
   * Shows as many questions as fit inside the bound (whole ones only), then counts the rest. Measured, since a
   * question's height depends on its text, the font and the screen; run again when the screen changes size.
   */
  fit() {
    const items = [...this.list.children];
    for (const li of items) li.hidden = false;
    let shown = items.length;
    const bound = this.bound?.() ?? null;
    const renderMore = () => {
      if (!this.more) return;
      const rest = this.waiting - shown;
      setText(this.more, rest > 0 ? t('stage.next.more', { count: rest }) : '');
      setHidden(this.more, rest <= 0);
    };
    renderMore();
    this.shown = shown;
    if (!bound) return;
    const bottom = () => bound.getBoundingClientRect().bottom;
    const below = (node) => node.getBoundingClientRect().bottom > bottom() + 0.5;
    const overflows = () => (shown > 0 && below(items[shown - 1])) || (this.more && !this.more.hidden && below(this.more));
    while (shown > 0 && overflows()) {
      shown -= 1;
      items[shown].hidden = true;
      renderMore();
    }
    this.shown = shown;
  }
}

function createItem(id) {
  const li = el('li', 'next-question');
  li.dataset.id = id;
  const votesBox = el('span', 'next-votes');
  const votes = el('span', 'q-votes');
  const votesLabel = el('span', 'next-votes-label');
  votesBox.append(votes, ' ', votesLabel);
  const body = el('div', 'next-body');
  const text = el('p', 'q-text');
  const author = el('p', 'q-author');
  body.append(text, author);
  li.append(votesBox, body);
  return { li, text, author, votes, votesLabel };
}
