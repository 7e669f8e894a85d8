// The moderator console's question board: five tabs (pending, live, answered, archived, rejected), each a <ul>
// of rows. Every question has exactly one row for the page's lifetime; a status change moves that node to another
// tab's list, a vote frame changes only its count. Only the visible tab's list is displayed (the others are
// hidden, so they cost no layout). One row is "selected" for the keyboard shortcuts.

import { t } from '../i18n.js';
import { TABS, byAsked, byVotes, tabOf } from '../moderation.js';
import { setAttr, setHidden, setText } from './dom.js';
import { closeEditor, createRow, editorError, openEditor, relabelRow, updateRow, updateVotes } from './mod-row.js';

const REORDER_EVERY_MS = 1500;

export class ModBoard {
  /**
   * @param {object} options
   * @param {import('../store.js').Store} options.store
   * @param {Record<string, {tab: HTMLButtonElement, count: HTMLElement, panel: HTMLElement, list: HTMLUListElement,
   *   empty: HTMLElement}>} options.tabs one entry per name in TABS
   * @param {{asked: HTMLButtonElement, votes: HTMLButtonElement}} options.liveSort
   * @param {object} options.handlers onAction(action, id), onEdit(id, text) → Promise, onArrived(question),
   *   isBusy(id) → boolean, validateEdit(text) → [key, params] | null
   */
  constructor({ store, tabs, liveSort, handlers }) {
    this.store = store;
    this.tabs = tabs;
    this.handlers = handlers;
    this.rows = new Map();
    this.order = Object.fromEntries(TABS.map((name) => [name, []]));
    this.current = 'pending';
    this.selected = Object.fromEntries(TABS.map((name) => [name, null]));
    this.liveSortMode = 'asked';
    this.liveSort = liveSort;
    this.reorderTimer = null;
    this.pointerInLive = false;

    for (const name of TABS) {
      const { tab, list } = tabs[name];
      tab.addEventListener('click', () => this.show(name));
      list.addEventListener('click', (event) => this.clicked(event));
      list.addEventListener('keydown', (event) => this.editorKeys(event));
      list.addEventListener('focusin', (event) => {
        const li = event.target.closest('li.mod-question');
        if (li) this.select(li.dataset.id, { focus: false });
      });
    }
    tabs.pending.tab.parentNode.addEventListener('keydown', (event) => this.tabKeys(event));
    tabs.live.list.addEventListener('pointerenter', () => {
      this.pointerInLive = true;
    });
    tabs.live.list.addEventListener('pointerleave', () => {
      this.pointerInLive = false;
    });
    liveSort.asked.addEventListener('click', () => this.setLiveSort('asked'));
    liveSort.votes.addEventListener('click', () => this.setLiveSort('votes'));
    store.subscribe((change) => this.changed(change));
    this.show('pending', { focus: false });
    this.renderCounts();
  }

  changed(change) {
    const handlers = {
      reset: () => this.syncAll(),
      page: () => this.syncAll(),
      session: () => this.refreshAll(),
      question: () => this.syncOne(change.id, true),
      stage: () => change.ids.forEach((id) => this.syncOne(id, false)),
      votes: () => this.votesChanged(change.ids),
    };
    handlers[change.kind]?.();
  }

  context(id) {
    return {
      onStage: this.store.stage === id,
      busy: this.handlers.isBusy(id),
      closed: this.store.status() === 'closed',
    };
  }

  question(id) {
    return this.store.questions.get(id);
  }

  // --- keeping rows in step with the store -------------------------------------------------------------------

  syncAll() {
    for (const id of [...this.rows.keys()]) {
      if (!this.store.questions.has(id)) this.drop(id);
    }
    if (this.rows.size === 0) {
      this.buildAll();
    } else {
      for (const id of this.store.questions.keys()) this.syncOne(id, false);
    }
    if (this.liveSortMode === 'votes') this.reorder('live');
    this.renderCounts();
    this.ensureSelection();
  }

  // First snapshot: build every row, sort each tab once, append each list in one go.
  buildAll() {
    const buckets = Object.fromEntries(TABS.map((name) => [name, []]));
    for (const question of this.store.questions.values()) {
      const row = createRow(question.id);
      this.rows.set(question.id, row);
      updateRow(row, question, this.context(question.id));
      const tab = tabOf(question);
      if (tab) buckets[tab].push(row);
    }
    for (const name of TABS) {
      const compare = this.comparator(name);
      const rows = buckets[name].sort((a, b) => compare(this.question(a.id), this.question(b.id)));
      for (const row of rows) row.tab = name;
      this.order[name] = rows;
      const fragment = document.createDocumentFragment();
      for (const row of rows) fragment.append(row.li);
      this.tabs[name].list.append(fragment);
    }
  }

  refreshAll() {
    for (const [id, row] of this.rows) updateRow(row, this.question(id), this.context(id));
  }

  /** Re-labels everything after a language switch. */
  relabel() {
    for (const [id, row] of this.rows) relabelRow(row, this.question(id), this.context(id));
    this.renderCounts();
  }

  syncOne(id, fromEvent) {
    const question = this.question(id);
    if (!question) return;
    let row = this.rows.get(id);
    const arrived = !row;
    if (arrived) {
      row = createRow(id);
      this.rows.set(id, row);
    }
    // Updating a row can replace the very button that has the focus (approve becomes reject, say): note it first.
    const hadFocus = !arrived && row.li.contains(document.activeElement);
    updateRow(row, question, this.context(id));
    const moved = this.place(row, tabOf(question), hadFocus);
    if (hadFocus && !moved && row.tab === this.current && !row.li.contains(document.activeElement)) {
      row.li.focus({ preventScroll: true });
    }
    if (arrived && fromEvent) this.handlers.onArrived?.(question);
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
      if (!row) continue;
      updateVotes(row, this.question(id));
      if (row.tab === 'live') liveTouched = true;
    }
    if (liveTouched && this.liveSortMode === 'votes') this.scheduleReorder();
  }

  drop(id) {
    const row = this.rows.get(id);
    if (!row) return;
    this.place(row, null);
    this.rows.delete(id);
  }

  // --- tab membership and order ------------------------------------------------------------------------------

  comparator(name) {
    return name === 'live' && this.liveSortMode === 'votes' ? byVotes : byAsked;
  }

  /**
   * Moves a row to the tab its status belongs to (or out of every tab), keeping the selection sensible and the
   * focus on the page; answers whether it moved.
   */
  place(row, tab, hadFocus = row.li.contains(document.activeElement)) {
    if (row.tab === tab) return false;
    if (row.tab) this.removeFromTab(row, hadFocus);
    row.tab = tab; // an open editor travels with its row: nothing typed is lost
    if (tab) {
      const rows = this.order[tab];
      const compare = this.comparator(tab);
      const question = this.question(row.id);
      let low = 0;
      let high = rows.length;
      while (low < high) {
        const mid = (low + high) >> 1;
        if (compare(this.question(rows[mid].id), question) <= 0) low = mid + 1;
        else high = mid;
      }
      rows.splice(low, 0, row);
      this.tabs[tab].list.insertBefore(row.li, rows[low + 1]?.li ?? null);
    } else {
      row.li.remove();
    }
    this.renderCounts();
    if (tab && !this.selected[tab]) this.select(row.id, { focus: false, tab });
    return true;
  }

  removeFromTab(row, hadFocus) {
    const name = row.tab;
    const rows = this.order[name];
    const index = rows.indexOf(row);
    if (index >= 0) rows.splice(index, 1);
    if (this.selected[name] === row.id) {
      // Triage goes on where it was: the row that took this one's place is selected next.
      const next = rows[index] ?? rows[index - 1] ?? null;
      this.selected[name] = null;
      row.li.classList.remove('is-selected');
      row.li.tabIndex = -1;
      if (next) {
        this.select(next.id, { focus: false, tab: name });
        if (hadFocus && name === this.current) queueMicrotask(() => next.li.focus({ preventScroll: false }));
      } else if (hadFocus) {
        // The tab is empty now: focus goes to its tab rather than being lost with the row.
        queueMicrotask(() => this.focusSelection());
      }
    }
  }

  /** Puts the focus on the selected row of the visible tab, or on the tab itself when it has no rows. */
  focusSelection() {
    const row = this.rows.get(this.selectedId());
    if (row?.tab === this.current) {
      row.li.focus({ preventScroll: false });
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
      const editing = this.order.live.some((row) => row.editor);
      if (this.pointerInLive || editing) {
        this.scheduleReorder();
        return;
      }
      this.reorder('live');
    }, REORDER_EVERY_MS);
  }

  reorder(name) {
    const compare = this.comparator(name);
    const rows = this.order[name].sort((a, b) => compare(this.question(a.id), this.question(b.id)));
    const list = this.tabs[name].list;
    const focused = document.activeElement;
    let cursor = list.firstElementChild;
    for (const row of rows) {
      if (row.li === cursor) cursor = cursor.nextElementSibling;
      else list.insertBefore(row.li, cursor);
    }
    if (focused && focused !== document.activeElement && list.contains(focused)) focused.focus({ preventScroll: true });
  }

  renderCounts() {
    for (const name of TABS) {
      const { count, empty } = this.tabs[name];
      const size = this.order[name].length;
      setText(count, String(size));
      setHidden(empty, size > 0);
      setText(empty, t(`mod.empty.${name}`));
    }
  }

  // --- tabs and selection ------------------------------------------------------------------------------------

  show(name, { focus = false } = {}) {
    this.current = name;
    for (const tabName of TABS) {
      const { tab, panel } = this.tabs[tabName];
      const active = tabName === name;
      setAttr(tab, 'aria-selected', active);
      tab.tabIndex = active ? 0 : -1;
      setHidden(panel, !active);
    }
    if (!this.selected[name]) this.ensureSelection();
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
      if ((!id || this.rows.get(id)?.tab !== name) && this.order[name].length) {
        this.select(this.order[name][0].id, { focus: false, tab: name });
      }
    }
  }

  selectedId() {
    return this.selected[this.current];
  }

  select(id, { focus = true, tab = null } = {}) {
    const row = this.rows.get(id);
    if (!row || !row.tab) return;
    const name = tab ?? row.tab;
    const previous = this.rows.get(this.selected[name]);
    if (previous && previous !== row) {
      previous.li.classList.remove('is-selected');
      previous.li.tabIndex = -1;
      previous.li.removeAttribute('aria-current');
    }
    this.selected[name] = id;
    row.li.classList.add('is-selected');
    row.li.tabIndex = 0;
    row.li.setAttribute('aria-current', 'true');
    if (focus && name === this.current) {
      row.li.focus({ preventScroll: true });
      row.li.scrollIntoView({ block: 'nearest' });
    }
  }

  /** Shows the tab of a question and selects its row, focused (a signal's link to its question). */
  reveal(id) {
    const row = this.rows.get(id);
    if (!row?.tab) return false;
    this.show(row.tab);
    this.select(id, { focus: true });
    return true;
  }

  /** j / k: the next or previous row of the visible tab. */
  move(step) {
    const rows = this.order[this.current];
    if (!rows.length) return;
    const index = rows.findIndex((row) => row.id === this.selectedId());
    const next = index < 0 ? 0 : Math.min(rows.length - 1, Math.max(0, index + step));
    this.select(rows[next].id, { focus: true });
  }

  // --- clicks and inline editing -----------------------------------------------------------------------------

  clicked(event) {
    const li = event.target.closest('li.mod-question');
    if (!li) return;
    const id = li.dataset.id;
    const button = event.target.closest('button');
    if (!button) {
      if (!event.target.closest('textarea')) this.select(id, { focus: false });
      return;
    }
    this.select(id, { focus: false });
    if (button.classList.contains('edit-save')) this.saveEdit(id);
    else if (button.classList.contains('edit-cancel')) this.cancelEdit(id, true);
    else if (button.dataset.action === 'edit') this.startEdit(id);
    else if (button.dataset.action) this.handlers.onAction(button.dataset.action, id);
  }

  editorKeys(event) {
    if (!event.target.classList.contains('edit-text')) return;
    const id = event.target.closest('li.mod-question')?.dataset.id;
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
    const row = this.rows.get(id);
    const question = this.question(id);
    if (!row || !question || question.status === 'withdrawn') return;
    if (this.rows.get(id).tab !== this.current) this.show(row.tab);
    const editor = openEditor(row, question.text);
    editor.area.focus();
    editor.area.setSelectionRange(editor.area.value.length, editor.area.value.length);
  }

  cancelEdit(id, refocus) {
    const row = this.rows.get(id);
    if (!row?.editor) return;
    closeEditor(row);
    if (refocus) row.li.focus({ preventScroll: true });
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
    this.handlers.onEdit(id, text).then(
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
