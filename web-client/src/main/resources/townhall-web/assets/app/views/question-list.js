// The live list of questions, windowed: the page holds every question of the session in the store (100,000 in a
// big one) but only the rows on screen, and a margin either side, are in the DOM; the space of the others is kept by
// the list's padding, so the page's own scrollbar spans the whole list. Rows are as tall as their text, so the
// arithmetic of virtual-window.js runs on their measured mean height; the browser's scroll anchoring keeps what is
// on screen in place when the estimate and a row's real height differ. The order is restored at most once per
// frame however many votes frames arrive. The question on stage is pinned at the top; a filter (all, answered,
// mine) keeps to some of the questions.

import { t } from '../i18n.js';
import { DEFAULT_FILTER, DEFAULT_SORT, FILTERS, SORTS, compareWithStage, passesFilter } from '../questions.js';
import { setAttr, setHidden, setText } from './dom.js';
import { createItem, updateItem, updateVote } from './question-item.js';
import { rowTop, totalHeight, visibleRange } from '../virtual-window.js';

/** Rows rendered beyond each edge of the screen, so a fling never shows a gap before the next frame. */
const OVERSCAN = 8;
/** A first guess at a row's height with its gap (px), until rows are measured. */
const DEFAULT_ROW_HEIGHT = 110;
/**
 * A list this short is rendered whole (most sessions): the window only starts to matter beyond it, and a short list
 * keeps every row findable in the page (the browser's find, a row scrolled away while its confirmation is open).
 */
const WHOLE_UP_TO = 50;
/** The focused row stays in the DOM (the keyboard is not pulled out of the list) while it is this close. */
const KEEP_FOCUSED_WITHIN = 60;

export class QuestionList {
  /**
   * @param {{list: HTMLUListElement, empty: HTMLElement, store: import('../store.js').Store,
   *          onVote: (id: string, upvote: boolean) => void, onWithdraw: (id: string) => void}} options
   */
  constructor({ list, empty, store, onVote, onWithdraw }) {
    this.list = list;
    this.empty = empty;
    this.store = store;
    /** The rows in the DOM, by question id: the window of `ids` on screen (and the focused row). */
    this.items = new Map();
    /** Every question the list shows, in order (filtered and sorted); most are not rendered. */
    this.ids = [];
    this.rowHeight = DEFAULT_ROW_HEIGHT;
    /** Measured heights (gap included) by question id, and their sum: the mean row height. */
    this.heights = new Map();
    this.heightSum = 0;
    this.sort = DEFAULT_SORT;
    this.filter = DEFAULT_FILTER;
    this.orderPending = false;
    this.renderPending = false;
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
    const onScroll = () => this.scheduleRender();
    window.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('resize', onScroll, { passive: true });
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

  shows(question) {
    return Boolean(question) && passesFilter(this.filter, question, this.store.isMine(question.id));
  }

  /** Every rendered row drawn again from the store, then the list ordered (and windowed) anew. */
  syncAll() {
    for (const [id, item] of this.items) {
      const question = this.store.questions.get(id);
      if (this.shows(question)) updateItem(item, question, this.context(id));
      else this.removeItem(id);
    }
    this.order();
  }

  /** One question changed: its row (when rendered) is drawn again; its place in the list is found next frame. */
  syncOne(id, reorder = true) {
    const question = this.store.questions.get(id);
    const item = this.items.get(id);
    if (item) {
      if (this.shows(question)) updateItem(item, question, this.context(id));
      else this.removeItem(id);
    }
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
      this.order();
    };
    requestAnimationFrame(run);
    setTimeout(run, 250);
  }

  scheduleRender() {
    if (this.renderPending) return;
    this.renderPending = true;
    requestAnimationFrame(() => {
      if (!this.renderPending) return;
      this.render();
    });
  }

  /** Sorts and filters every question of the store (the stage first), then renders the rows on screen. */
  order() {
    this.orderPending = false;
    const compare = compareWithStage(SORTS[this.sort], this.store.stage);
    const shown = [];
    for (const question of this.store.questions.values()) {
      if (this.shows(question)) shown.push(question);
    }
    this.ids = shown.sort(compare).map((question) => question.id);
    this.render();
    this.updateEmpty();
    this.reveal();
  }

  layout() {
    return { count: this.ids.length, rowHeight: this.rowHeight, tall: null };
  }

  /** Which rows are on screen: the list's place in the page's scroll, in the arithmetic of virtual-window.js. */
  range() {
    if (this.ids.length <= WHOLE_UP_TO) return { start: 0, end: this.ids.length };
    const top = this.list.getBoundingClientRect().top;
    const range = visibleRange({
      scrollTop: -top, viewportHeight: window.innerHeight || 740, overscan: OVERSCAN, ...this.layout(),
    });
    // never pull the focus out from under the keyboard, while the focused row is near what is on screen
    const focused = document.activeElement?.closest?.('li.question');
    const index = focused && this.list.contains(focused) ? this.ids.indexOf(focused.dataset.id) : -1;
    if (index >= 0 && index >= range.start - KEEP_FOCUSED_WITHIN && index < range.end + KEEP_FOCUSED_WITHIN) {
      return { start: Math.min(range.start, index), end: Math.max(range.end, index + 1) };
    }
    return range;
  }

  /** Puts in the DOM the rows of `ids` in the window, in order, and pads the list to the height of the others. */
  render(depth = 0) {
    this.renderPending = false;
    const { start, end } = this.range();
    // a question may have left the store since the order was taken (a welcome of another session, say)
    const position = new Map();
    for (let i = start; i < end; i++) {
      if (this.shows(this.store.questions.get(this.ids[i]))) position.set(this.ids[i], i);
    }
    const wanted = [...position.keys()];
    const keep = new Set(wanted);
    const focused = document.activeElement;
    for (const id of [...this.items.keys()]) {
      if (!keep.has(id)) this.removeItem(id);
    }
    const layout = this.layout();
    this.list.style.paddingTop = `${rowTop(start, layout)}px`;
    this.list.style.paddingBottom = `${Math.max(0, totalHeight(layout) - rowTop(end, layout))}px`;
    let cursor = this.list.firstElementChild;
    wanted.forEach((id) => {
      let item = this.items.get(id);
      if (!item) {
        item = createItem(id);
        this.items.set(id, item);
        updateItem(item, this.store.questions.get(id), this.context(id));
      }
      setAttr(item.li, 'aria-posinset', position.get(id) + 1);
      setAttr(item.li, 'aria-setsize', this.ids.length);
      if (item.li === cursor) cursor = cursor.nextElementSibling;
      else this.list.insertBefore(item.li, cursor);
    });
    // Moving a node drops focus in some browsers; give it back to the button the reader was on.
    if (focused && focused !== document.activeElement && this.list.contains(focused)) {
      focused.focus({ preventScroll: true });
    }
    if (depth < 2 && this.measure(wanted)) this.render(depth + 1);
  }

  // Rows are as tall as their question: the mean of every row measured so far (gap included) stands for those not
  // rendered. A mean over all rows seen, not over the rows on screen, keeps still while the window moves, so the
  // window does not swing between two layouts. Answers whether it moved enough to lay the list out again.
  measure(ids) {
    if (ids.length < 2) return false;
    const first = this.items.get(ids[0]).li.getBoundingClientRect();
    const second = this.items.get(ids[1]).li.getBoundingClientRect();
    const gap = Math.max(0, second.top - first.bottom);
    for (const id of ids) {
      const height = this.items.get(id).li.offsetHeight;
      if (height <= 0) return false; // not laid out (hidden): nothing to learn
      const known = this.heights.get(id);
      if (known !== undefined) this.heightSum -= known;
      this.heights.set(id, height + gap);
      this.heightSum += height + gap;
    }
    const mean = this.heightSum / this.heights.size;
    if (!(mean > 0) || Math.abs(mean - this.rowHeight) < 2) return false;
    this.rowHeight = mean;
    return true;
  }

  // Takes the reader's eyes to the question they just sent, once it is in the list and in its place. The focus stays
  // where it was (a screen reader is told through the live region), so Tab goes on from the form as before.
  reveal() {
    if (!this.revealPending) return;
    const index = this.ids.indexOf(this.received);
    if (index < 0) return;
    this.revealPending = false;
    if (!this.items.has(this.received)) {
      // not rendered: scroll to where the layout puts it, render there, then place it exactly
      const listTop = this.list.getBoundingClientRect().top + window.scrollY;
      window.scrollTo(0, listTop + rowTop(index, this.layout()) - window.innerHeight / 2);
      this.render();
    }
    this.items.get(this.received)?.li.scrollIntoView({ block: 'center' });
  }

  updateEmpty() {
    const empty = this.ids.length === 0;
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
