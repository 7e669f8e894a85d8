// Keyboard shortcuts of the moderator console. They act on the selected row of the visible tab and are ignored
// while the moderator types in a field, while a dialog is open, and with Ctrl, Alt or Meta held.

import { TABS } from '../moderation.js';

const ACTION_BY_KEY = {
  a: 'approve', r: 'reject', t: 'answer', e: 'edit', m: 'merge', x: 'archive', u: 'restore', b: 'ban',
  c: 'classify',
  n: 'publishName', s: 'approveAndStage', p: 'followUp',
};

function isTyping(target) {
  if (!(target instanceof Element)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  return !['button', 'checkbox', 'radio', 'submit', 'reset'].includes(target.type);
}

/**
 * @param {{board: import('./mod-board.js').ModBoard, act: (action: string, id: string) => void,
 *          toggleHelp: (open?: boolean) => void, focusSearch: () => void}} options
 */
export function installShortcuts({ board, act, toggleHelp, focusSearch }) {
  document.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    if (isTyping(event.target) || document.querySelector('dialog[open]')) return;
    const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    if (key === '?') {
      toggleHelp();
    } else if (key === 'Escape') {
      toggleHelp(false);
      return; // let Escape do whatever else it does
    } else if (key === '/') {
      focusSearch();
    } else if ((key === 'Home' || key === 'End') && event.target.closest?.('li.mod-question')) {
      board.moveToEnd(key === 'End');
    } else if ((key === 'ArrowDown' || key === 'ArrowUp') && event.target.matches?.('li.mod-question')) {
      board.move(key === 'ArrowDown' ? 1 : -1);
    } else if (key === 'j') {
      board.move(1);
    } else if (key === 'k') {
      board.move(-1);
    } else if (/^[1-5]$/.test(key)) {
      board.show(TABS[Number(key) - 1], { focus: false });
      const id = board.selectedId();
      if (id) board.select(id, { focus: true });
    } else if (key === 'h') {
      const id = board.selectedId();
      if (!id) return;
      act(board.store.stage === id ? 'unhighlight' : 'highlight', id);
    } else if (key === 'f') {
      const id = board.selectedId();
      if (!id) return;
      act(board.store.questions.get(id)?.frozen ? 'unfreeze' : 'freeze', id);
    } else if (key === 'w') {
      const id = board.selectedId();
      if (!id) return;
      act(board.store.questions.get(id)?.withheld ? 'unwithhold' : 'withhold', id);
    } else if (key === 'c' && event.shiftKey) {
      // issue 17: Shift+C picks the topic and area; c alone confirms the suggestion
      const id = board.selectedId();
      if (!id) return;
      act('classifyPick', id);
    } else if (ACTION_BY_KEY[key]) {
      const id = board.selectedId();
      if (!id) return;
      act(ACTION_BY_KEY[key], id);
    } else {
      return;
    }
    event.preventDefault();
  });
}
