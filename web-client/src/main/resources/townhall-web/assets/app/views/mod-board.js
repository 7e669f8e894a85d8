// The moderator console's question board: five tabs (pending, live, answered, archived, rejected), each a windowed
// list. The board keeps, per tab, the ids it lists in order (those matching the search); only the visible tab's
// rows on screen (plus the selected one and any being edited) exist in the DOM, absolutely placed in a list as tall
// as all of them, so 10,000 pending questions cost a few dozen elements. One row per tab is "selected" for the
// keyboard shortcuts; the selected row shows its question whole (virtual-window.js's "tall" row).

import { t } from '../i18n.js';
import { TABS, byAsked, byVotes, matchesSearch, searchWords, tabOf } from '../moderation.js';
import { rowTop, scrollToShow, totalHeight, visibleRange } from '../virtual-window.js';
import { setAttr, setHidden, setText } from './dom.js';
import {
  closeEditor, closeMenu, createRow, editorError, openEditor, openMenu, relabelRow, updateRow, updateVotes,
} from './mod-row.js';

const REORDER_EVERY_MS = 1500;
const DEFAULT_ROW_HEIGHT = 48;
const MIN_LIST_HEIGHT = 240;
const OVERSCAN = 6;

export class ModBoard {
  /**
   * @param {object} options
   * @param {import('../store.js').Store} options.store
   * @param {Record<string, {tab: HTMLButtonElement, count: HTMLElement, panel: HTMLElement, list: HTMLUListElement,
   *   scroll: HTMLElement, empty: HTMLElement}>} options.tabs one entry per name in TABS
   * @param {{asked: HTMLButtonElement, votes: HTMLButtonElement}} options.liveSort
   * @param {object} options.handlers onAction(action, id), onEdit(id, text, publishOriginal) → Promise, onArrived(question),
   *   isBusy(id) → boolean, isBanned(question) → boolean, validateEdit(text) → {text, problem}, onCounts() after
   *   the tabs' counts or the visible tab changed
   */
  constructor({ store, tabs, liveSort, handlers }) {
    this.store = store;
    this.tabs = tabs;
    this.handlers = handlers;
    this.rows = new Map(); // id -> row, for rows in the DOM (and detached ones being edited)
    this.order = Object.fromEntries(TABS.map((name) => [name, []])); // ids listed per tab, in order
    this.listedIn = new Map(); // id -> the tab that lists it
    this.seen = new Set(); // every id the board has met, so a new one can be announced
    this.current = 'pending';
    this.selected = Object.fromEntries(TABS.map((name) => [name, null]));
    this.liveSortMode = 'asked';
    this.liveSort = liveSort;
    this.reorderTimer = null;
    this.pointerInLive = false;
    this.words = [];
    this.topic = null; // issue 17: the topic key listed alone ('' for questions without one), null for every one
    this.hiddenIds = new Set(); // held out of every tab for now (approved in bulk, still undoable)
    this.rowHeight = DEFAULT_ROW_HEIGHT;
    this.tallHeight = null;
    this.tallHeightOf = null; // the row tallHeight was measured on
    this.frame = null;

    for (const name of TABS) {
      const { tab, list, scroll } = tabs[name];
      tab.addEventListener('click', () => this.show(name));
      list.addEventListener('click', (event) => this.clicked(event));
      list.addEventListener('keydown', (event) => this.listKeys(event));
      // a row's menu closes when the focus leaves the row's actions (Tab past its last item, say)
      list.addEventListener('focusout', (event) => {
        const actions = event.target.closest('.mq-actions');
        if (actions && !actions.contains(event.relatedTarget)) {
          const row = this.rows.get(actions.closest('li.mod-question')?.dataset.id);
          if (row && event.relatedTarget) closeMenu(row);
        }
      });
      list.addEventListener('focusin', (event) => {
        const li = event.target.closest('li.mod-question');
        if (li) this.select(li.dataset.id, { focus: false });
      });
      scroll.addEventListener('scroll', () => {
        this.closeMenus();
        this.scheduleRender();
      }, { passive: true });
    }
    document.addEventListener('click', (event) => {
      if (!event.target.closest?.('.mq-actions')) this.closeMenus();
    });
    tabs.pending.tab.parentNode.addEventListener('keydown', (event) => this.tabKeys(event));
    tabs.live.list.addEventListener('pointerenter', () => {
      this.pointerInLive = true;
    });
    tabs.live.list.addEventListener('pointerleave', () => {
      this.pointerInLive = false;
    });
    liveSort.asked.addEventListener('click', () => this.setLiveSort('asked'));
    liveSort.votes.addEventListener('click', () => this.setLiveSort('votes'));
    window.addEventListener('resize', () => this.scheduleRender());
    store.subscribe((change) => this.changed(change));
    this.show('pending', { focus: false });
    this.renderCounts();
  }

  changed(change) {
    const handlers = {
      reset: () => this.relist(),
      page: () => this.relist(),
      session: () => this.refreshRendered(),
      question: () => this.syncOne(change.id, true),
      stage: () => change.ids.forEach((id) => this.syncOne(id, false)),
      votes: () => this.votesChanged(change.ids),
    };
    handlers[change.kind]?.();
  }

  context(id) {
    const question = this.question(id);
    return {
      onStage: this.store.stage === id,
      busy: this.handlers.isBusy(id),
      closed: this.store.status() === 'closed',
      banned: Boolean(question && this.handlers.isBanned?.(question)),
    };
  }

  question(id) {
    return this.store.questions.get(id);
  }

  // --- which ids each tab lists ------------------------------------------------------------------------------

  /** The tab a question belongs in now, or null when it is in none (or the search or a bulk approval hides it). */
  tabFor(question) {
    if (!question || this.hiddenIds.has(question.id) || !matchesSearch(question, this.words)) return null;
    if (this.topic !== null && (question.topic ?? '') !== this.topic) return null;
    return tabOf(question);
  }

  /** Lists every question again: after a snapshot, a page of questions, a new search. */
  relist() {
    const buckets = Object.fromEntries(TABS.map((name) => [name, []]));
    this.listedIn.clear();
    for (const question of this.store.questions.values()) {
      this.seen.add(question.id);
      const tab = this.tabFor(question);
      if (!tab) continue;
      buckets[tab].push(question);
      this.listedIn.set(question.id, tab);
    }
    for (const name of TABS) {
      this.order[name] = buckets[name].sort(this.comparator(name)).map((question) => question.id);
    }
    for (const id of [...this.rows.keys()]) {
      if (!this.store.questions.has(id)) this.forgetRow(id);
    }
    this.refreshRendered();
    this.renderCounts();
    this.ensureSelection();
    this.scheduleRender();
  }

  /** Lists again with a new search (its words folded, see moderation.searchWords). */
  search(query) {
    this.words = searchWords(query);
    this.relist();
  }

  /** Lists the questions of one topic alone (a key, '' for those without one), or every one (null). */
  filterTopic(key) {
    this.topic = key;
    this.relist();
  }

  isSearching() {
    return this.words.length > 0;
  }

  /** Holds questions out of every tab (true) or lists them again (false). */
  hold(ids, held) {
    for (const id of ids) {
      if (held) this.hiddenIds.add(id);
      else this.hiddenIds.delete(id);
    }
    for (const id of ids) this.syncOne(id, false);
  }

  /** The ids the visible tab lists, in order. */
  shownIds(name = this.current) {
    return [...this.order[name]];
  }

  // --- keeping rows in step with the store -------------------------------------------------------------------

  refreshRendered() {
    for (const [id, row] of this.rows) {
      const question = this.question(id);
      if (question) updateRow(row, question, this.context(id));
    }
  }

  /** Re-labels everything after a language switch. */
  relabel() {
    for (const [id, row] of this.rows) {
      if (this.question(id)) relabelRow(row, this.question(id), this.context(id));
    }
    this.renderCounts();
    this.rowHeight = DEFAULT_ROW_HEIGHT;
    this.scheduleRender();
  }

  syncOne(id, fromEvent) {
    const question = this.question(id);
    if (!question) return;
    const row = this.rows.get(id);
    const arrived = fromEvent && !this.seen.has(id);
    this.seen.add(id);
    // Updating a row can replace the very button that has the focus (approve becomes reject, say): note it first.
    const hadFocus = Boolean(row?.li.contains(document.activeElement));
    if (row) updateRow(row, question, this.context(id));
    this.place(id, this.tabFor(question), hadFocus);
    if (hadFocus && row && this.listedIn.get(id) === this.current && !row.li.contains(document.activeElement)) {
      row.li.focus({ preventScroll: true });
    }
    if (arrived && question.status === 'pending') this.handlers.onArrived?.(question);
  }

  /** Re-renders one row's busy state (an action on it was sent or answered). */
  refreshRow(id) {
    const row = this.rows.get(id);
    if (row && this.question(id)) updateRow(row, this.question(id), this.context(id));
  }

  votesChanged(ids) {
    let liveTouched = false;
    for (const id of ids) {
      const row = this.rows.get(id);
      if (row && this.question(id)) updateVotes(row, this.question(id));
      if (this.listedIn.get(id) === 'live') liveTouched = true;
    }
    if (liveTouched && this.liveSortMode === 'votes') this.scheduleReorder();
  }

  forgetRow(id) {
    const row = this.rows.get(id);
    if (!row) return;
    row.li.remove();
    this.rows.delete(id);
  }

  // --- tab membership and order ------------------------------------------------------------------------------

  comparator(name) {
    return name === 'live' && this.liveSortMode === 'votes' ? byVotes : byAsked;
  }

  /**
   * Moves an id to the tab it belongs in now (or out of every tab), keeping the selection sensible and the focus
   * on the page; answers whether it moved.
   */
  place(id, tab, hadFocus = false) {
    const from = this.listedIn.get(id) ?? null;
    if (from === tab) return false;
    if (from) this.removeFromTab(id, from, hadFocus);
    if (tab) {
      const ids = this.order[tab];
      const compare = this.comparator(tab);
      const question = this.question(id);
      let low = 0;
      let high = ids.length;
      while (low < high) {
        const mid = (low + high) >> 1;
        if (compare(this.question(ids[mid]), question) <= 0) low = mid + 1;
        else high = mid;
      }
      ids.splice(low, 0, id);
      this.listedIn.set(id, tab);
      if (!this.selected[tab]) this.selected[tab] = id;
    }
    const row = this.rows.get(id);
    if (row && tab !== this.current && !row.editor) this.forgetRow(id);
    this.renderCounts();
    this.scheduleRender();
    return true;
  }

  removeFromTab(id, name, hadFocus) {
    const ids = this.order[name];
    const index = ids.indexOf(id);
    if (index >= 0) ids.splice(index, 1);
    this.listedIn.delete(id);
    if (this.selected[name] !== id) return;
    // Triage goes on where it was: the row that took this one's place is selected next.
    const next = ids[index] ?? ids[index - 1] ?? null;
    this.selected[name] = next;
    this.tallHeight = null;
    if (hadFocus && name === this.current) {
      queueMicrotask(() => (next ? this.select(next, { focus: true }) : this.focusSelection()));
    }
  }

  /** Puts the focus on the selected row of the visible tab, or on the tab itself when it has no rows. */
  focusSelection() {
    const id = this.selectedId();
    if (id && this.listedIn.get(id) === this.current) {
      this.select(id, { focus: true });
    } else {
      this.tabs[this.current].tab.focus();
    }
  }

  setLiveSort(mode) {
    this.liveSortMode = mode;
    setAttr(this.liveSort.asked, 'aria-pressed', mode === 'asked');
    setAttr(this.liveSort.votes, 'aria-pressed', mode === 'votes');
    this.reorder('live');
  }

  // Reordering by votes waits while the pointer is over the list or a row is being edited, so a row never jumps
  // away from under a moderator's click.
  scheduleReorder() {
    if (this.reorderTimer) return;
    this.reorderTimer = setTimeout(() => {
      this.reorderTimer = null;
      const editing = [...this.rows.values()].some((row) => row.editor && this.listedIn.get(row.id) === 'live');
      if (this.pointerInLive || editing) {
        this.scheduleReorder();
        return;
      }
      this.reorder('live');
    }, REORDER_EVERY_MS);
  }

  reorder(name) {
    const compare = this.comparator(name);
    this.order[name] = this.order[name].map((id) => this.question(id)).sort(compare).map((question) => question.id);
    this.scheduleRender();
  }

  renderCounts() {
    for (const name of TABS) {
      const { count, empty, scroll } = this.tabs[name];
      const size = this.order[name].length;
      setText(count, String(size));
      setHidden(scroll, size === 0);
      setHidden(empty, size > 0);
      setText(empty, t(this.isSearching() ? 'mod.empty.search' : `mod.empty.${name}`));
    }
    this.handlers.onCounts?.();
  }

  // --- the window of rows on screen --------------------------------------------------------------------------

  scheduleRender() {
    if (this.frame !== null) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = null;
      this.render();
    });
  }

  /** The row shown whole: the one being edited in this tab, else the selected one. */
  tallId(name = this.current) {
    for (const [id, row] of this.rows) {
      if (row.editor && this.listedIn.get(id) === name) return id;
    }
    const id = this.selected[name];
    return id && this.listedIn.get(id) === name ? id : null;
  }

  layout(name = this.current) {
    const ids = this.order[name];
    const tallId = this.tallId(name);
    const index = tallId ? ids.indexOf(tallId) : -1;
    const known = index >= 0 && this.tallHeight && this.tallHeightOf === tallId;
    const tall = known ? { index, height: this.tallHeight } : null;
    return { count: ids.length, rowHeight: this.rowHeight, tall };
  }

  /** The list takes at most the window below what sits above it (at least MIN_LIST_HEIGHT), less when short. */
  fitHeight(scroll) {
    const top = scroll.getBoundingClientRect().top + window.scrollY;
    const height = `${Math.max(MIN_LIST_HEIGHT, Math.floor(window.innerHeight - top - 12))}px`;
    if (scroll.style.maxHeight !== height) scroll.style.maxHeight = height;
  }

  /** Puts in the DOM the rows of the visible tab that are on screen, the selected one and any being edited. */
  render(depth = 0) {
    const name = this.current;
    const { list, scroll } = this.tabs[name];
    this.fitHeight(scroll);
    const ids = this.order[name];
    const layout = this.layout(name);
    list.style.height = `${totalHeight(layout)}px`; // first: the scrolling box's height follows the list's
    const { start, end } = visibleRange({
      scrollTop: scroll.scrollTop, viewportHeight: scroll.clientHeight, overscan: OVERSCAN, ...layout,
    });
    const wanted = new Set(ids.slice(start, end));
    const selectedId = this.selected[name];
    if (selectedId && this.listedIn.get(selectedId) === name) wanted.add(selectedId);
    const tallId = this.tallId(name);
    for (const [id, row] of this.rows) {
      if (row.editor && this.listedIn.get(id) === name) wanted.add(id);
    }
    for (const [id, row] of this.rows) {
      if (wanted.has(id)) continue;
      if (this.listedIn.get(id) === name && row.li.contains(document.activeElement)) {
        wanted.add(id); // never pull the focus out from under the keyboard
        continue;
      }
      if (row.editor) row.li.remove(); // kept, with what was typed, until it comes back on screen
      else this.forgetRow(id);
    }
    const index = new Map();
    for (const id of wanted) index.set(id, ids.indexOf(id));
    const ordered = [...wanted].filter((id) => index.get(id) >= 0).sort((a, b) => index.get(a) - index.get(b));
    let cursor = list.firstElementChild;
    for (const id of ordered) {
      const row = this.rowFor(id);
      const i = index.get(id);
      row.li.style.top = `${rowTop(i, layout)}px`;
      setAttr(row.li, 'aria-posinset', i + 1);
      setAttr(row.li, 'aria-setsize', ids.length);
      this.markSelected(row, id === selectedId);
      row.li.classList.toggle('is-tall', id === tallId);
      if (row.li === cursor) cursor = cursor.nextElementSibling;
      else list.insertBefore(row.li, cursor);
    }
    if (depth < 2) this.measure(ordered, tallId, depth);
  }

  // Rows have one height (measured, as fonts and zoom decide it) but the selected one, which shows its question
  // whole: when either differs from what the layout assumed, lay out again.
  measure(ids, tallId, depth) {
    let changed = false;
    const plain = ids.find((id) => id !== tallId && !this.rows.get(id).editor);
    if (plain) {
      const height = this.rows.get(plain).li.offsetHeight;
      if (height > 0 && height !== this.rowHeight) {
        this.rowHeight = height;
        changed = true;
      }
    }
    const tall = tallId ? this.rows.get(tallId) : null;
    if (tall?.li.isConnected) {
      const height = tall.li.offsetHeight;
      if (height > 0 && (height !== this.tallHeight || this.tallHeightOf !== tallId)) {
        this.tallHeight = height;
        this.tallHeightOf = tallId;
        changed = true;
      }
    }
    if (changed) this.render(depth + 1);
  }

  rowFor(id) {
    let row = this.rows.get(id);
    if (!row) {
      row = createRow(id);
      this.rows.set(id, row);
      updateRow(row, this.question(id), this.context(id));
    }
    row.tab = this.listedIn.get(id) ?? null;
    return row;
  }

  markSelected(row, selected) {
    row.li.classList.toggle('is-selected', selected);
    row.li.tabIndex = selected ? 0 : -1;
    if (selected) row.li.setAttribute('aria-current', 'true');
    else row.li.removeAttribute('aria-current');
  }

  closeMenus() {
    for (const row of this.rows.values()) closeMenu(row);
  }

  // --- tabs and selection ------------------------------------------------------------------------------------

  show(name, { focus = false } = {}) {
    if (name !== this.current) {
      for (const id of [...this.rows.keys()]) {
        if (!this.rows.get(id).editor) this.forgetRow(id);
        else this.rows.get(id).li.remove();
      }
      this.tallHeight = null;
    }
    this.current = name;
    for (const tabName of TABS) {
      const { tab, panel } = this.tabs[tabName];
      const active = tabName === name;
      setAttr(tab, 'aria-selected', active);
      tab.tabIndex = active ? 0 : -1;
      setHidden(panel, !active);
    }
    if (!this.selected[name]) this.ensureSelection();
    this.render();
    this.handlers.onCounts?.();
    if (focus) this.tabs[name].tab.focus();
  }

  tabKeys(event) {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const index = TABS.indexOf(this.current);
    const next = TABS[(index + (event.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
    event.preventDefault();
    this.show(next, { focus: true });
  }

  ensureSelection() {
    for (const name of TABS) {
      const id = this.selected[name];
      if ((!id || this.listedIn.get(id) !== name) && this.order[name].length) this.selected[name] = this.order[name][0];
      if (!this.order[name].length) this.selected[name] = null;
    }
  }

  selectedId() {
    const id = this.selected[this.current];
    return id && this.listedIn.get(id) === this.current ? id : null;
  }

  /**
   * Selects a question's row in its tab; with `focus` (and its tab visible) scrolls it on screen, renders and
   * focuses it.
   */
  select(id, { focus = true } = {}) {
    const name = this.listedIn.get(id);
    if (!name) return;
    if (this.selected[name] !== id) {
      this.selected[name] = id;
      this.tallHeight = null;
    }
    if (name !== this.current) return;
    const { scroll } = this.tabs[name];
    if (focus) {
      const index = this.order[name].indexOf(id);
      const top = scrollToShow(index, {
        scrollTop: scroll.scrollTop, viewportHeight: scroll.clientHeight, ...this.layout(name),
      });
      if (top !== scroll.scrollTop) scroll.scrollTop = top;
    }
    this.render();
    if (focus) {
      const row = this.rows.get(id);
      row?.li.focus({ preventScroll: true });
      // the row's whole text may be taller than the layout assumed before it was selected
      const index = this.order[name].indexOf(id);
      const top = scrollToShow(index, {
        scrollTop: scroll.scrollTop, viewportHeight: scroll.clientHeight, ...this.layout(name),
      });
      if (top !== scroll.scrollTop) scroll.scrollTop = top;
    }
  }

  /** Shows the tab of a question and selects its row, focused (a signal's link to its question). */
  reveal(id) {
    const name = this.listedIn.get(id);
    if (!name) return false;
    this.show(name);
    this.select(id, { focus: true });
    return true;
  }

  /** j / k: the next or previous row of the visible tab. */
  move(step) {
    const ids = this.order[this.current];
    if (!ids.length) return;
    const index = ids.indexOf(this.selectedId());
    const next = index < 0 ? 0 : Math.min(ids.length - 1, Math.max(0, index + step));
    this.select(ids[next], { focus: true });
  }

  /** Home / End: the first or last row of the visible tab. */
  moveToEnd(last) {
    const ids = this.order[this.current];
    if (ids.length) this.select(ids[last ? ids.length - 1 : 0], { focus: true });
  }

  // --- clicks, menus and inline editing ----------------------------------------------------------------------

  clicked(event) {
    const li = event.target.closest('li.mod-question');
    if (!li) return;
    const id = li.dataset.id;
    const row = this.rows.get(id);
    const button = event.target.closest('button');
    if (!button) {
      if (!event.target.closest('textarea')) this.select(id, { focus: false });
      return;
    }
    if (button.classList.contains('mq-more')) {
      const open = row.menu.hidden;
      this.closeMenus();
      if (open) {
        openMenu(row);
        row.menu.querySelector('button')?.focus();
      }
      return;
    }
    if (row) closeMenu(row);
    this.select(id, { focus: false });
    if (button.classList.contains('edit-save')) this.saveEdit(id);
    else if (button.classList.contains('edit-cancel')) this.cancelEdit(id, true);
    else if (button.dataset.slip) this.handlers.onSlip?.(id);
    else if (button.dataset.action === 'edit') this.startEdit(id);
    else if (button.dataset.action) this.handlers.onAction(button.dataset.action, id);
  }

  listKeys(event) {
    const row = this.rows.get(event.target.closest('li.mod-question')?.dataset.id);
    if (!row) return;
    if (event.target.classList.contains('edit-text')) {
      this.editorKeys(event, row.id);
    } else if (event.key === 'Escape' && !row.menu.hidden) {
      event.preventDefault();
      event.stopPropagation();
      closeMenu(row);
      row.more.focus();
    } else if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && row.menu.contains(event.target)) {
      const buttons = [...row.menu.querySelectorAll('button')];
      const at = buttons.indexOf(event.target);
      buttons[(at + (event.key === 'ArrowDown' ? 1 : buttons.length - 1)) % buttons.length]?.focus();
      event.preventDefault();
    }
  }

  editorKeys(event, id) {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.cancelEdit(id, true);
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      this.saveEdit(id);
    }
  }

  startEdit(id) {
    const question = this.question(id);
    const name = this.listedIn.get(id);
    if (!question || !name || question.status === 'withdrawn') return;
    if (name !== this.current) this.show(name);
    this.select(id, { focus: true });
    const row = this.rows.get(id);
    if (!row) return;
    const editor = openEditor(row, question.text);
    this.tallHeight = null;
    this.render();
    editor.area.focus();
    editor.area.setSelectionRange(editor.area.value.length, editor.area.value.length);
  }

  cancelEdit(id, refocus) {
    const row = this.rows.get(id);
    if (!row?.editor) return;
    closeEditor(row);
    this.tallHeight = null;
    this.render();
    if (refocus && row.li.isConnected) row.li.focus({ preventScroll: true });
  }

  saveEdit(id) {
    const row = this.rows.get(id);
    const question = this.question(id);
    if (!row?.editor || !question) return;
    const { text, problem } = this.handlers.validateEdit(row.editor.area.value);
    if (problem) {
      editorError(row, ...problem);
      row.editor.area.focus();
      return;
    }
    if (text === question.text) {
      this.cancelEdit(id, true);
      return;
    }
    editorError(row, null);
    const editor = row.editor;
    editor.save.disabled = true;
    this.handlers.onEdit(id, text, editor.publishOriginal.checked).then(
      () => {
        if (row.editor === editor) this.cancelEdit(id, row.li.contains(document.activeElement));
      },
      () => {
        if (row.editor !== editor) return;
        editor.save.disabled = false;
      },
    );
  }

  isEditing() {
    return [...this.rows.values()].some((row) => row.editor);
  }
}
