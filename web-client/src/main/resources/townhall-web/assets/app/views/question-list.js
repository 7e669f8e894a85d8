// The live list of questions: one <li> per question id, updated in place; the order is restored by moving only
// the nodes that are out of place, at most once per frame however many votes frames arrive. The question on stage
// is pinned at the top; a filter (all, answered, mine) keeps to some of the questions.

import { t } from '../i18n.js';
import { DEFAULT_FILTER, DEFAULT_SORT, FILTERS, SORTS, compareWithStage, passesFilter } from '../questions.js';
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
    this.filter = DEFAULT_FILTER;
    this.orderPending = false;
    this.banned = false;
    /** The question the reader just asked, and whether the page is still to take them to it. */
    this.received = null;
    this.revealPending = false;
    /** The question whose withdrawal waits for the reader's confirmation. */
    this.confirming = null;
    list.addEventListener('click', (event) => this.clicked(event, onVote, onWithdraw));
    list.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.confirming) this.cancelWithdraw();
    });
    store.subscribe((change) => this.changed(change));
  }

  setSort(mode) {
    if (!SORTS[mode] || mode === this.sort) return;
    this.sort = mode;
    this.order();
  }

  setFilter(filter) {
    if (!FILTERS.includes(filter) || filter === this.filter) return;
    this.filter = filter;
    this.syncAll();
  }

  /** The participant was banned: its vote buttons are disabled. */
  setBanned(banned) {
    if (banned === this.banned) return;
    this.banned = banned;
    this.syncAll();
  }

  /**
   * The reader's question was acknowledged as `id`: it says it was received, and the page scrolls to it (once it is
   * in the list, if it is not yet).
   */
  showReceived(id) {
    const previous = this.received;
    this.received = id;
    this.revealPending = true;
    if (previous && previous !== id) this.syncOne(previous);
    this.syncOne(id);
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
      banned: this.banned,
      received: this.received === id,
      confirming: this.confirming === id,
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
    if (!question || !passesFilter(this.filter, question, this.store.isMine(id))) {
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
    const compare = compareWithStage(SORTS[this.sort], this.store.stage);
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
    this.reveal();
  }

  // Takes the reader's eyes to the question they just sent, once it is in the list and in its place. The focus stays
  // where it was (a screen reader is told through the live region), so Tab goes on from the form as before.
  reveal() {
    if (!this.revealPending) return;
    const item = this.items.get(this.received);
    if (!item) return;
    this.revealPending = false;
    item.li.scrollIntoView({ block: 'center' });
  }

  updateEmpty() {
    const empty = this.items.size === 0;
    setHidden(this.empty, !empty);
    setText(this.empty, t(this.filter === DEFAULT_FILTER ? 'list.empty' : `list.empty.${this.filter}`));
  }

  clicked(event, onVote, onWithdraw) {
    const button = event.target.closest('button');
    const li = button?.closest('li.question');
    if (!li || !this.list.contains(li)) return;
    const id = li.dataset.id;
    if (button.classList.contains('q-vote')) onVote(id, !this.store.hasVoted(id));
    if (button.classList.contains('q-withdraw')) this.askToWithdraw(id);
    if (button.classList.contains('q-withdraw-no')) this.cancelWithdraw();
    if (button.classList.contains('q-withdraw-yes')) {
      this.confirming = null;
      onWithdraw(id);
      this.syncOne(id);
    }
  }

  askToWithdraw(id) {
    const previous = this.confirming;
    this.confirming = id;
    if (previous) this.syncOne(previous);
    this.syncOne(id);
    // the safe answer takes the focus: Enter by mistake keeps the question
    this.items.get(id)?.li.querySelector('.q-withdraw-no')?.focus();
  }

  cancelWithdraw() {
    const id = this.confirming;
    this.confirming = null;
    this.syncOne(id);
    this.items.get(id)?.li.querySelector('.q-withdraw')?.focus();
  }
}
