// The live list of questions: one <li> per question id, updated in place; the order is restored by moving only
// the nodes that are out of place, at most once per frame however many votes frames arrive.

import { t } from '../i18n.js';
import { DEFAULT_SORT, SORTS, isVisible } from '../questions.js';
import { setHidden, setText } from './dom.js';
import { createItem, updateItem, updateVote } from './question-item.js';

export class QuestionList {
  /**
   * @param {{list: HTMLUListElement, empty: HTMLElement, store: import('../store.js').Store,
   *          onVote: (id: string, upvote: boolean) => void, onWithdraw: (id: string) => void}} options
   */
  constructor({ list, empty, store, onVote, onWithdraw }) {
    this.list = list;
    this.empty = empty;
    this.store = store;
    this.items = new Map();
    this.sort = DEFAULT_SORT;
    this.orderPending = false;
    list.addEventListener('click', (event) => this.clicked(event, onVote, onWithdraw));
    store.subscribe((change) => this.changed(change));
  }

  setSort(mode) {
    if (!SORTS[mode] || mode === this.sort) return;
    this.sort = mode;
    this.order();
  }

  /** Redraws every item's labels, e.g. after a language change. */
  refresh() {
    this.syncAll();
  }

  changed(change) {
    const handlers = {
      reset: () => this.syncAll(),
      page: () => this.syncAll(),
      session: () => this.syncAll(),
      question: () => this.syncOne(change.id),
      stage: () => change.ids.forEach((id) => this.syncOne(id)),
      votes: () => this.votesChanged(change.ids),
    };
    handlers[change.kind]?.();
  }

  context(id) {
    return {
      mine: this.store.isMine(id),
      voted: this.store.hasVoted(id),
      onStage: this.store.stage === id,
      sessionStatus: this.store.status(),
    };
  }

  syncAll() {
    for (const id of this.items.keys()) {
      if (!this.store.questions.has(id)) this.removeItem(id);
    }
    for (const id of this.store.questions.keys()) this.syncOne(id, false);
    this.order();
  }

  syncOne(id, reorder = true) {
    const question = this.store.questions.get(id);
    if (!question || !isVisible(question, this.store.isMine(id))) {
      if (this.items.has(id)) {
        this.removeItem(id);
        this.updateEmpty();
      }
      return;
    }
    let item = this.items.get(id);
    if (!item) {
      item = createItem(id);
      this.items.set(id, item);
    }
    updateItem(item, question, this.context(id));
    if (reorder) this.scheduleOrder();
  }

  votesChanged(ids) {
    for (const id of ids) {
      const item = this.items.get(id);
      if (item) updateVote(item, this.store.questions.get(id), this.context(id));
    }
    if (this.sort === 'popular') this.scheduleOrder();
  }

  removeItem(id) {
    this.items.get(id)?.li.remove();
    this.items.delete(id);
  }

  // requestAnimationFrame coalesces bursts; the timer covers tabs where frames are paused.
  scheduleOrder() {
    if (this.orderPending) return;
    this.orderPending = true;
    const run = () => {
      if (!this.orderPending) return;
      this.orderPending = false;
      this.order();
    };
    requestAnimationFrame(run);
    setTimeout(run, 250);
  }

  order() {
    this.orderPending = false;
    const compare = SORTS[this.sort];
    const sorted = [...this.items.keys()]
      .map((id) => this.store.questions.get(id))
      .sort(compare);
    const focused = document.activeElement;
    let cursor = this.list.firstElementChild;
    for (const question of sorted) {
      const node = this.items.get(question.id).li;
      if (node === cursor) {
        cursor = cursor.nextElementSibling;
      } else {
        this.list.insertBefore(node, cursor);
      }
    }
    // Moving a node drops focus in some browsers; give it back to the button the reader was on.
    if (focused && focused !== document.activeElement && this.list.contains(focused)) {
      focused.focus({ preventScroll: true });
    }
    this.updateEmpty();
  }

  updateEmpty() {
    const empty = this.items.size === 0;
    setHidden(this.empty, !empty);
    setText(this.empty, t('list.empty'));
  }

  clicked(event, onVote, onWithdraw) {
    const button = event.target.closest('button');
    const li = button?.closest('li.question');
    if (!li || !this.list.contains(li)) return;
    const id = li.dataset.id;
    if (button.classList.contains('q-vote')) onVote(id, !this.store.hasVoted(id));
    if (button.classList.contains('q-withdraw') && window.confirm(t('q.withdraw.confirm'))) onWithdraw(id);
  }
}
