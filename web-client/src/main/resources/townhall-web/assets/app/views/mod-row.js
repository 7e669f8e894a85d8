// One question's row in the moderator console, compact: number, badges and text on one line (the selected row
// shows its text whole, with the rejection reason or the answer), then votes, author and time, the tab's one
// primary action and a menu ("…") with the others. Rows exist only while on screen (see mod-board.js); a row is
// updated in place, and a vote frame touches only its count.

import { lang, t } from '../i18n.js';
import { FLAGS, actionsFor, markedParts, primaryAction } from '../moderation.js';
import { el, optionalPart, setAttr, setHidden, setText, setUserText } from './dom.js';
import { followUpBadge } from './mod-follow-up.js';
import { formatTime } from './question-item.js';

/** Rejections whose text the public record withholds (docs/protocol.md, `moderate` `reject`). */
const WITHHELD_REJECTIONS = new Set(['abusive', 'spam', 'personal_data']);

/** The key that triggers each action on the selected row (see views/mod-keys.js). */
export const ACTION_KEYS = {
  approve: 'a', reject: 'r', highlight: 'h', unhighlight: 'h', answer: 't', edit: 'e', merge: 'm', archive: 'x',
  restore: 'u', freeze: 'f', unfreeze: 'f', withhold: 'w', unwithhold: 'w', ban: 'b', publishName: 'n',
  followUp: 'p',
};

/** Actions that change the record or the follow-up, not the dialogue: possible after the close too. */
const AFTER_CLOSE = new Set(['withhold', 'unwithhold', 'publishName', 'followUp']);

export function createRow(id) {
  const li = el('li', 'mod-question');
  li.dataset.id = id;
  li.tabIndex = -1;
  const number = el('span', 'mq-id', `#${id}`);
  const body = el('div', 'mq-body');
  const head = el('span', 'mq-head');
  const status = el('span', 'q-status');
  head.append(status);
  const text = el('p', 'q-text');
  text.lang = '';
  body.append(head, text);
  const meta = el('p', 'q-meta');
  const votesBox = el('span', 'mq-votes');
  const votes = el('span', 'q-votes', '0');
  const votesLabel = el('span', 'mq-votes-label');
  votesBox.append(votes, ' ', votesLabel);
  const author = el('span', 'q-author');
  const time = el('time', 'q-time');
  meta.append(votesBox, author, time);
  const actions = el('div', 'mq-actions');
  const more = el('button', 'mq-more');
  more.type = 'button';
  more.setAttribute('aria-expanded', 'false');
  const menu = el('div', 'mq-menu');
  menu.id = `mq-menu-${id}`;
  menu.hidden = true;
  more.setAttribute('aria-controls', menu.id);
  actions.append(more, menu);
  const details = el('div', 'mq-details');
  li.append(number, body, meta, actions, details);
  return {
    id, li, head, body, status, text, meta, author, votes, votesLabel, time, actions, more, menu, details,
    parts: {}, buttons: {}, actionKey: '', tab: null, editor: null, textKey: null,
  };
}

/** @param ctx {{onStage: boolean, busy: boolean, closed: boolean, banned: boolean}} */
export function updateRow(row, question, ctx) {
  setAttr(row.li, 'data-status', question.status);
  row.li.classList.toggle('is-onstage', ctx.onStage);
  row.li.classList.toggle('is-banned', ctx.banned);
  setAttr(row.li, 'aria-busy', ctx.busy ? 'true' : 'false');
  setAttr(row.status, 'data-status', question.status);
  setText(row.status, t(`q.status.${question.status}`));
  updateFlags(row, question, ctx);
  updateText(row, question);
  // a clerk's entry has no display name; the person's name (private, for moderators) stands in for it
  const author = question.author || question.speaker;
  setUserText(row.author, author || t('q.anonymous'), Boolean(author));
  row.author.classList.toggle('is-anonymous', !author);
  const tag = optionalPart(row.parts, 'tag', Boolean(question.authorTag), () => el('span', 'q-tag'), row.meta, row.time);
  if (tag) {
    setText(tag, question.authorTag);
    setAttr(tag, 'title', t('mod.q.tag', { tag: question.authorTag }));
  }
  updateSlip(row, question);
  updateVotes(row, question);
  setText(row.votesLabel, t('q.votes.label'));
  setText(row.time, formatTime(question.createdAt));
  if (Number.isFinite(question.createdAt)) setAttr(row.time, 'datetime', new Date(question.createdAt).toISOString());
  const reason = optionalPart(row.parts, 'reason', question.status === 'rejected' && Boolean(question.reason),
    createReasonBox, row.details);
  if (reason) {
    const category = question.category ? ` (${t(`mod.category.${question.category}`)})` : '';
    setText(reason.firstChild, `${t('q.reason')}${category}`);
    setUserText(reason.lastChild, question.reason);
  }
  const answerText = question.answer?.text;
  const answer = optionalPart(row.parts, 'answer', Boolean(answerText), createAnswerBox, row.details);
  if (answer) {
    setText(answer.firstChild, t('q.answer'));
    setUserText(answer.lastChild, answerText);
  }
  updateActions(row, question, ctx);
}

/**
 * The photo of a clerk's paper slip (issue 17): a button that opens it (views/mod-slip.js), saying whether it is
 * public; there only when the question has one.
 */
function updateSlip(row, question) {
  const present = typeof question.slip?.sha256 === 'string';
  const node = optionalPart(row.parts, 'slip', present, () => {
    const button = el('button', 'mq-slip');
    button.type = 'button';
    button.dataset.slip = '1';
    return button;
  }, row.meta, row.time);
  if (!node) return;
  const isPublic = question.slip.public === true;
  node.classList.toggle('is-public', isPublic);
  setText(node, t(isPublic ? 'slip.mod.row.public' : 'slip.mod.row'));
  setAttr(node, 'aria-label', t('slip.mod.row.label', { id: question.id }));
}

export function updateVotes(row, question) {
  setText(row.votes, String(question.votes ?? 0));
}

function badge(row, key, present, className, text) {
  const node = optionalPart(row.parts, key, present, () => el('span', className), row.head);
  if (node) setText(node, text());
  return node;
}

function updateFlags(row, question, ctx) {
  badge(row, 'stage', ctx.onStage, 'mq-onstage', () => t('mod.q.onstage'));
  badge(row, 'banned', ctx.banned, 'mq-banned', () => t('mod.q.banned'));
  // withheld from the public record: by a moderator's `withhold`, or with its rejection's category
  const withheld = question.withheld?.category
    ?? (question.status === 'rejected' && WITHHELD_REJECTIONS.has(question.category) ? question.category : null);
  const withheldBadge = badge(row, 'withheld', Boolean(withheld), 'mq-withheld',
    () => t('mod.q.withheld', { category: t(`mod.category.${withheld}`) }));
  if (withheldBadge) setAttr(withheldBadge, 'title', t('mod.q.withheld.hint'));
  badge(row, 'edited', question.edited === true, 'q-edited', () => t('q.edited'));
  badge(row, 'merged', Boolean(question.mergedInto), 'q-merged', () => t('mod.q.mergedInto', { id: question.mergedInto }));
  badge(row, 'busy', ctx.busy, 'mq-busy', () => t('mod.q.busy'));
  // a clerk's entry: how it came in and where the person lives; flagged while it is being asked at the microphone
  badge(row, 'channel', Boolean(question.channel), 'mq-channel', () => [t(`clerk.channel.${question.channel}`),
    question.area].filter(Boolean).join(' · '));
  badge(row, 'askingNow', question.askingNow === true && question.status === 'pending', 'mq-asking-now',
    () => t('clerk.now'));
  badge(row, 'frozen', question.frozen === true, 'mq-frozen', () => t('mod.q.frozen'));
  badge(row, 'topic', Boolean(question.topic), 'mq-topic', () => topicLabel(question.topic, question.areaKey));
  followUpBadge(row, question);
  const flags = FLAGS.filter((flag) => Array.isArray(question.flags) && question.flags.includes(flag));
  const box = optionalPart(row.parts, 'flags', flags.length > 0, () => el('span', 'mq-flags'), row.head);
  if (box) {
    setAttr(box, 'title', t('mod.flag.hint'));
    if (box.dataset.flags !== flags.join(' ')) {
      box.dataset.flags = flags.join(' ');
      box.replaceChildren(...flags.map((flag) => {
        const node = el('span', 'mq-flag');
        node.dataset.flag = flag;
        return node;
      }));
    }
    for (const node of box.children) setText(node, t(`mod.flag.${node.dataset.flag}`));
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

function createReasonBox() {
  const box = el('p', 'q-reason');
  box.append(el('span', 'q-reason-label'), ' ', el('span', 'q-reason-text'));
  return box;
}

function createAnswerBox() {
  const box = el('div', 'q-answer-box');
  box.append(el('p', 'q-answer-label'), el('p', 'q-answer'));
  return box;
}

// Only the actions that apply exist in the row (the primary one as a button, the others in its menu), so a button
// found in a row can always be used.
function updateActions(row, question, ctx) {
  const wanted = actionsFor(question, ctx.onStage).filter((action) => action !== 'ban' || !ctx.banned);
  const primary = primaryAction(question, ctx.onStage);
  const key = `${primary} ${wanted.join(' ')}`;
  if (key !== row.actionKey) {
    row.actionKey = key;
    const rest = wanted.filter((action) => action !== primary);
    row.actions.replaceChildren(...(primary ? [button(row, primary)] : []), row.more, row.menu);
    row.menu.replaceChildren(...rest.map((action) => button(row, action)));
    setHidden(row.more, rest.length === 0);
    if (rest.length === 0) closeMenu(row);
  }
  // While an action on the row is on its way its buttons say they are unavailable but stay focusable: disabling
  // the button a keyboard user just pressed would drop their focus to the page (clicks are ignored meanwhile).
  // Withholding changes what the record publishes, not the dialogue: it stays possible after the close.
  for (const action of wanted) {
    const node = row.buttons[action];
    const disabled = ctx.closed && !AFTER_CLOSE.has(action);
    if (node.disabled !== disabled) node.disabled = disabled;
    setAttr(node, 'aria-disabled', ctx.busy ? 'true' : 'false');
  }
  labelMore(row);
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

function labelMore(row) {
  setText(row.more, '…');
  setAttr(row.more, 'aria-label', t('mod.more.label', { id: row.id }));
  setAttr(row.more, 'title', t('mod.more'));
  setAttr(row.menu, 'aria-label', t('mod.more.label', { id: row.id }));
}

/** Opens the row's menu of further actions below (or above, near the window's bottom) its button. */
export function openMenu(row) {
  if (!row.menu.hidden) return;
  setHidden(row.menu, false);
  setAttr(row.more, 'aria-expanded', 'true');
  const button = row.more.getBoundingClientRect();
  const height = row.menu.offsetHeight;
  const below = button.bottom + height + 8 <= window.innerHeight;
  row.menu.style.top = `${Math.max(4, below ? button.bottom + 4 : button.top - height - 4)}px`;
  row.menu.style.right = `${Math.max(4, window.innerWidth - button.right)}px`;
}

export function closeMenu(row) {
  if (row.menu.hidden) return;
  setHidden(row.menu, true);
  setAttr(row.more, 'aria-expanded', 'false');
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
  // the wording an edit replaces stays out of the public record (it may be the personal data the edit removes)
  // unless the moderator says it may be public
  const original = el('label', 'choice mq-editor-original');
  const publishOriginal = el('input', 'edit-publish-original');
  publishOriginal.type = 'checkbox';
  const originalLabel = el('span');
  original.append(publishOriginal, originalLabel);
  const buttons = el('div', 'mq-editor-buttons');
  const save = el('button', 'button primary edit-save');
  save.type = 'button';
  const cancel = el('button', 'button edit-cancel');
  cancel.type = 'button';
  buttons.append(save, cancel);
  box.append(area, error, original, buttons);
  row.body.append(box);
  setHidden(row.text, true);
  row.li.classList.add('is-editing');
  row.editor = {
    box, area, error, publishOriginal, originalLabel, save, cancel, errorKey: null, errorParams: {},
  };
  labelEditor(row);
  return row.editor;
}

export function closeEditor(row) {
  if (!row.editor) return;
  row.editor.box.remove();
  row.editor = null;
  row.li.classList.remove('is-editing');
  setHidden(row.text, false);
}

export function editorError(row, key, params = {}) {
  if (!row.editor) return;
  row.editor.errorKey = key;
  row.editor.errorParams = params;
  labelEditor(row);
}

function labelEditor(row) {
  const { area, error, originalLabel, save, cancel, errorKey, errorParams } = row.editor;
  setAttr(area, 'aria-label', t('mod.edit.label', { id: row.id }));
  setText(originalLabel, t('mod.edit.publishOriginal'));
  setText(save, t('mod.edit.save'));
  setText(cancel, t('mod.edit.cancel'));
  setText(error, errorKey ? t(errorKey, errorParams) : '');
  setHidden(error, !errorKey);
}

// --- topics (issue 17) ---
let topicNames = new Map();
let areaNames = new Map();

/** The session's topic and area names by key, for the rows' topic badge (keys are shown until they come). */
export function setTopicNames(lists) {
  topicNames = new Map((lists.topics ?? []).map((x) => [x.key, x]));
  areaNames = new Map((lists.areas ?? []).map((x) => [x.key, x.name]));
}

function topicLabel(topic, area) {
  const named = topicNames.get(topic);
  const name = named ? (lang() === 'en' ? named.name_en : named.name_vi) : topic;
  return area ? `${name} · ${areaNames.get(area) ?? area}` : name;
}
