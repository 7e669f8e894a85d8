// The tools above the console's tabs: the search (every tab, without diacritics) and "approve all shown", which
// waits a few seconds before it sends anything so it can be undone (a `moderate` approve cannot be taken back:
// there is no way back to pending). Until then the questions are held out of the pending tab.

import { t } from '../i18n.js';
import { setAttr, setHidden, setText } from './dom.js';

/** At most this many questions at once: a bigger batch is a mistake more often than a wish. */
export const APPROVE_SHOWN_MAX = 100;
const UNDO_MS = 6000;

/**
 * @param {object} options
 * @param {import('./mod-board.js').ModBoard} options.board
 * @param {{input: HTMLInputElement, count: HTMLElement}} options.nodes
 */
export function wireSearch({ board, nodes }) {
  let timer = null;
  const render = () => {
    if (!board.isSearching()) {
      setText(nodes.count, '');
      return;
    }
    const found = Object.values(board.order).reduce((sum, ids) => sum + ids.length, 0);
    setText(nodes.count, t('mod.search.found', { count: found }));
  };
  nodes.input.addEventListener('input', () => {
    clearTimeout(timer);
    // one listing per pause in typing, not per key, in a session of thousands of questions
    timer = setTimeout(() => {
      board.search(nodes.input.value);
      render();
    }, 120);
  });
  nodes.input.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && nodes.input.value) {
      event.preventDefault();
      nodes.input.value = '';
      board.search('');
      render();
    } else if (event.key === 'Enter' || event.key === 'ArrowDown') {
      event.preventDefault();
      clearTimeout(timer);
      board.search(nodes.input.value);
      render();
      board.focusSelection();
    }
  });
  return {
    render,
    focus: () => {
      nodes.input.focus();
      nodes.input.select();
    },
  };
}

export class BulkApproval {
  /**
   * @param {object} options
   * @param {import('./mod-board.js').ModBoard} options.board
   * @param {{button: HTMLButtonElement, hint: HTMLElement, bar: HTMLElement, text: HTMLElement,
   *   undo: HTMLButtonElement, now: HTMLButtonElement}} options.nodes
   * @param {(id: string) => Promise} options.approve sends one approval, settled by its answer
   * @param {() => boolean} options.closed whether the session is closed
   */
  constructor({ board, nodes, approve, closed }) {
    this.board = board;
    this.nodes = nodes;
    this.approve = approve;
    this.closed = closed;
    this.batch = null; // {ids, timer}
    nodes.button.addEventListener('click', () => this.start());
    nodes.undo.addEventListener('click', () => this.undo());
    nodes.now.addEventListener('click', () => this.commit());
  }

  shown() {
    return this.board.current === 'pending' ? this.board.shownIds('pending') : [];
  }

  render() {
    const count = this.board.current === 'pending' ? this.board.order.pending.length : 0;
    const tooMany = count > APPROVE_SHOWN_MAX;
    const usable = count > 0 && !tooMany && !this.batch && !this.closed();
    this.nodes.button.disabled = !usable;
    setHidden(this.nodes.button, this.board.current !== 'pending');
    setText(this.nodes.button, t('mod.bulk.approve', { count }));
    // a disabled button says why (its title for the pointer, its description for a screen reader)
    const why = tooMany ? t('mod.bulk.tooMany', { max: APPROVE_SHOWN_MAX }) : '';
    setText(this.nodes.hint, why);
    if (why) setAttr(this.nodes.button, 'title', why);
    else this.nodes.button.removeAttribute('title');
    if (this.batch) setText(this.nodes.text, t('mod.bulk.pending', { count: this.batch.ids.length }));
  }

  start() {
    const ids = this.shown();
    if (this.batch || ids.length === 0 || ids.length > APPROVE_SHOWN_MAX) return;
    this.batch = { ids, timer: setTimeout(() => this.commit(), UNDO_MS) };
    this.board.hold(ids, true);
    setHidden(this.nodes.bar, false);
    this.render();
    this.nodes.undo.focus();
  }

  undo() {
    if (!this.batch) return;
    const { ids, timer } = this.batch;
    clearTimeout(timer);
    this.batch = null;
    this.board.hold(ids, false);
    this.finish();
  }

  commit() {
    if (!this.batch) return;
    const { ids, timer } = this.batch;
    clearTimeout(timer);
    this.batch = null;
    // each row stays held until its answer: then it is live, or back in pending if the server refused it
    for (const id of ids) this.approve(id).finally(() => this.board.hold([id], false));
    this.finish();
  }

  finish() {
    const hadFocus = this.nodes.bar.contains(document.activeElement);
    setHidden(this.nodes.bar, true);
    setAttr(this.nodes.bar, 'data-state', 'idle');
    this.render();
    if (hadFocus) this.board.focusSelection();
  }
}
