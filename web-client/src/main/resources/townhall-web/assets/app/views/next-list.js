// "Up next": the few live questions with the most votes, not counting the one on stage. One <li> per question
// id, reused while it stays in the list, so a vote frame changes numbers and at most moves a node.

import { t } from '../i18n.js';
import { SORTS } from '../questions.js';
import { el, setHidden, setText, setUserText } from './dom.js';

export function nextQuestions(store, limit) {
  const candidates = [];
  for (const question of store.questions.values()) {
    if (question.status === 'live' && !question.mergedInto && question.id !== store.stage) candidates.push(question);
  }
  return candidates.sort(SORTS.popular).slice(0, limit);
}

export class NextList {
  /** @param {{list: HTMLOListElement|HTMLUListElement, empty: HTMLElement|null, limit: number}} options */
  constructor({ list, empty, limit }) {
    this.list = list;
    this.empty = empty;
    this.limit = limit;
    this.items = new Map();
  }

  render(store) {
    const questions = nextQuestions(store, this.limit);
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
