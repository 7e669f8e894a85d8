// One question's row in the moderator console: created once, then updated in place. A vote frame touches only the
// count; a status or stage change rebuilds only the row's buttons (the buttons themselves are kept and reused).

import { t } from '../i18n.js';
import { FLAGS, actionsFor, markedParts } from '../moderation.js';
import { el, optionalPart, setAttr, setHidden, setText, setUserText } from './dom.js';
import { createReasonBox, fillReasonBox, formatTime } from './question-item.js';

/** The key that triggers each action on the selected row (see views/mod-keys.js). */
export const ACTION_KEYS = {
  approve: 'a', reject: 'r', highlight: 'h', unhighlight: 'h', answer: 't', edit: 'e', merge: 'm', archive: 'x',
  restore: 'u', freeze: 'f', unfreeze: 'f', ban: 'b',
};

export function createRow(id) {
  const li = el('li', 'mod-question');
  li.dataset.id = id;
  li.tabIndex = -1;
  const head = el('div', 'mq-head');
  const number = el('span', 'mq-id', `#${id}`);
  const status = el('span', 'q-status');
  head.append(number, status);
  const text = el('p', 'q-text');
  text.lang = '';
  const meta = el('p', 'q-meta');
  const author = el('span', 'q-author');
  const votesBox = el('span', 'mq-votes');
  const votes = el('span', 'q-votes', '0');
  const votesLabel = el('span', 'mq-votes-label');
  votesBox.append(votes, ' ', votesLabel);
  const time = el('time', 'q-time');
  meta.append(author, votesBox, time);
  const actions = el('div', 'mq-actions');
  li.append(head, text, meta, actions);
  return {
    id, li, head, status, text, meta, author, votes, votesLabel, time, actions,
    parts: {}, buttons: {}, actionKey: '', tab: null, editor: null, textKey: null,
  };
}

/** @param ctx {{onStage: boolean, busy: boolean, closed: boolean}} */
export function updateRow(row, question, ctx) {
  setAttr(row.li, 'data-status', question.status);
  row.li.classList.toggle('is-onstage', ctx.onStage);
  setAttr(row.li, 'aria-busy', ctx.busy ? 'true' : 'false');
  setAttr(row.status, 'data-status', question.status);
  setText(row.status, t(`q.status.${question.status}`));
  updateFlags(row, question, ctx);
  updateText(row, question);
  setUserText(row.author, question.author || t('q.anonymous'), Boolean(question.author));
  row.author.classList.toggle('is-anonymous', !question.author);
  const tag = optionalPart(row.parts, 'tag', Boolean(question.authorTag), () => el('span', 'q-tag'), row.meta, row.votes.parentNode);
  if (tag) {
    setText(tag, question.authorTag);
    setAttr(tag, 'title', t('mod.q.tag', { tag: question.authorTag }));
  }
  updateVotes(row, question);
  setText(row.votesLabel, t('q.votes.label'));
  setText(row.time, formatTime(question.createdAt));
  if (Number.isFinite(question.createdAt)) setAttr(row.time, 'datetime', new Date(question.createdAt).toISOString());
  const reason = optionalPart(row.parts, 'reason', question.status === 'rejected' && Boolean(question.reason),
    createReasonBox, row.li, row.actions);
  if (reason) fillReasonBox(reason, question.reason);
  const answerText = question.answer?.text;
  const answer = optionalPart(row.parts, 'answer', Boolean(answerText), createAnswerBox, row.li, row.actions);
  if (answer) {
    setText(answer.firstChild, t('q.answer'));
    setUserText(answer.lastChild, answerText);
  }
  updateActions(row, question, ctx);
}

export function updateVotes(row, question) {
  setText(row.votes, String(question.votes ?? 0));
}

function updateFlags(row, question, ctx) {
  const stage = optionalPart(row.parts, 'stage', ctx.onStage, () => el('span', 'mq-onstage'), row.head);
  if (stage) setText(stage, t('mod.q.onstage'));
  const edited = optionalPart(row.parts, 'edited', question.edited === true, () => el('span', 'q-edited'), row.head);
  if (edited) setText(edited, t('q.edited'));
  const merged = optionalPart(row.parts, 'merged', Boolean(question.mergedInto), () => el('span', 'q-merged'), row.head);
  if (merged) setText(merged, t('mod.q.mergedInto', { id: question.mergedInto }));
  const busy = optionalPart(row.parts, 'busy', ctx.busy, () => el('span', 'mq-busy'), row.head);
  if (busy) setText(busy, t('mod.q.busy'));
  const frozen = optionalPart(row.parts, 'frozen', question.frozen === true, () => el('span', 'mq-frozen'), row.head);
  if (frozen) setText(frozen, t('mod.q.frozen'));
  const flags = FLAGS.filter((flag) => Array.isArray(question.flags) && question.flags.includes(flag));
  const box = optionalPart(row.parts, 'flags', flags.length > 0, () => el('span', 'mq-flags'), row.head);
  if (box) {
    setAttr(box, 'title', t('mod.flag.hint'));
    if (box.dataset.flags !== flags.join(' ')) {
      box.dataset.flags = flags.join(' ');
      box.replaceChildren(...flags.map((flag) => {
        const badge = el('span', 'mq-flag');
        badge.dataset.flag = flag;
        return badge;
      }));
    }
    for (const badge of box.children) setText(badge, t(`mod.flag.${badge.dataset.flag}`));
  }
}

// The text with what the content rules matched marked (as text nodes and <mark> elements, never HTML), rebuilt
// only when the text or its marks change.
function updateText(row, question) {
  const parts = markedParts(question);
  const key = JSON.stringify(parts);
  if (key === row.textKey) return;
  row.textKey = key;
  row.text.replaceChildren(...parts.map((part) => {
    if (!part.flag) return document.createTextNode(part.text);
    const mark = el('mark', 'mq-match', part.text);
    mark.dataset.flag = part.flag;
    return mark;
  }));
}

function createAnswerBox() {
  const box = el('div', 'q-answer-box');
  box.append(el('p', 'q-answer-label'), el('p', 'q-answer'));
  return box;
}

// Only the buttons that apply exist in the row, so a button found in a row can always be used.
function updateActions(row, question, ctx) {
  const wanted = actionsFor(question, ctx.onStage);
  const key = wanted.join(' ');
  if (key !== row.actionKey) {
    row.actionKey = key;
    row.actions.replaceChildren(...wanted.map((action) => button(row, action)));
  }
  // While an action on the row is on its way its buttons say they are unavailable but stay focusable: disabling
  // the button a keyboard user just pressed would drop their focus to the page (clicks are ignored meanwhile).
  for (const action of wanted) {
    const node = row.buttons[action];
    if (node.disabled !== ctx.closed) node.disabled = ctx.closed;
    setAttr(node, 'aria-disabled', ctx.busy ? 'true' : 'false');
  }
}

function button(row, action) {
  let node = row.buttons[action];
  if (!node) {
    node = el('button', `mq-act act-${action}`);
    node.type = 'button';
    node.dataset.action = action;
    node.setAttribute('aria-keyshortcuts', ACTION_KEYS[action]);
    row.buttons[action] = node;
    labelButton(node, action);
  }
  return node;
}

function labelButton(node, action) {
  const label = t(`mod.act.${action}`);
  setText(node, label);
  setAttr(node, 'title', `${label} (${ACTION_KEYS[action]})`);
}

/** After a language switch: the labels of buttons not shown right now too. */
export function relabelRow(row, question, ctx) {
  for (const [action, node] of Object.entries(row.buttons)) labelButton(node, action);
  updateRow(row, question, ctx);
  if (row.editor) labelEditor(row);
}

/** Inline editing: a textarea with save and cancel in place of the text. */
export function openEditor(row, text) {
  if (row.editor) return row.editor;
  const box = el('div', 'mq-editor');
  const area = el('textarea', 'edit-text');
  area.lang = '';
  area.rows = 3;
  area.value = text;
  const error = el('p', 'edit-error field-error');
  error.hidden = true;
  error.setAttribute('role', 'alert');
  const buttons = el('div', 'mq-editor-buttons');
  const save = el('button', 'button primary edit-save');
  save.type = 'button';
  const cancel = el('button', 'button edit-cancel');
  cancel.type = 'button';
  buttons.append(save, cancel);
  box.append(area, error, buttons);
  row.li.insertBefore(box, row.text.nextSibling);
  setHidden(row.text, true);
  row.editor = { box, area, error, save, cancel, errorKey: null, errorParams: {} };
  labelEditor(row);
  return row.editor;
}

export function closeEditor(row) {
  if (!row.editor) return;
  row.editor.box.remove();
  row.editor = null;
  setHidden(row.text, false);
}

export function editorError(row, key, params = {}) {
  if (!row.editor) return;
  row.editor.errorKey = key;
  row.editor.errorParams = params;
  labelEditor(row);
}

function labelEditor(row) {
  const { area, error, save, cancel, errorKey, errorParams } = row.editor;
  setAttr(area, 'aria-label', t('mod.edit.label', { id: row.id }));
  setText(save, t('mod.edit.save'));
  setText(cancel, t('mod.edit.cancel'));
  setText(error, errorKey ? t(errorKey, errorParams) : '');
  setHidden(error, !errorKey);
}
