// One question's <li>, created once and then updated in place. Optional parts (on-stage mark, rejection reason,
// answer, withdraw button) exist in the DOM only while they apply.

import { lang, t, translatePage } from '../i18n.js';
import { latestStep, showStep } from '../follow-up-text.js';
import { followMailForm } from './follow-mail.js';
import { WITHDRAWABLE_STATUSES, stateBadge } from '../questions.js';
import { ICONS, el, icon, setAttr, setHidden, setText, setUserText } from './dom.js';
const timeFormats = new Map();
/** Numbers the withdraw confirmations, whose question labels their group. */
let nextConfirmId = 1;
const timeTexts = new Map();

/** Hours and minutes in the reader's language (memoised per minute: a snapshot of hundreds formats few). */
export function formatTime(ms) {
  if (!Number.isFinite(ms)) return '';
  const key = `${lang()}:${Math.floor(ms / 60000)}`;
  let text = timeTexts.get(key);
  if (text === undefined) {
    if (!timeFormats.has(lang())) {
      timeFormats.set(lang(), new Intl.DateTimeFormat(lang(), { hour: '2-digit', minute: '2-digit' }));
    }
    text = timeFormats.get(lang()).format(new Date(ms));
    if (timeTexts.size > 2000) timeTexts.clear();
    timeTexts.set(key, text);
  }
  return text;
}

export function createItem(id) {
  const li = el('li', 'question');
  li.dataset.id = id;
  const body = el('div', 'q-body');
  const flags = el('p', 'q-flags');
  const text = el('p', 'q-text');
  const meta = el('p', 'q-meta');
  const author = el('span', 'q-author');
  const time = el('time', 'q-time');
  meta.append(author, time);
  body.append(flags, text, meta);

  const vote = el('button', 'q-vote');
  vote.type = 'button';
  const voteLabel = el('span', 'visually-hidden');
  const votes = el('span', 'q-votes', '0');
  vote.append(icon(ICONS.upvote), voteLabel, votes);

  li.append(body, vote);
  return { li, body, flags, text, meta, author, time, vote, voteLabel, votes, parts: {} };
}

/**
 * @param ctx {{mine: boolean, voted: boolean, onStage: boolean, sessionStatus: string, banned?: boolean,
 *   received?: boolean, confirming?: boolean}} received: the reader just asked it (say it arrived); confirming: the
 *   reader pressed "withdraw" and is asked to confirm
 */
export function updateItem(item, question, ctx) {
  setAttr(item.li, 'data-status', question.status);
  setAttr(item.li, 'data-topic', question.topic ?? ''); // the resident page's topic filter (topic-picker.js)
  item.li.classList.toggle('is-mine', ctx.mine);
  item.li.classList.toggle('is-onstage', ctx.onStage);
  setUserText(item.text, question.text);
  setUserText(item.author, question.author || t('q.anonymous'), Boolean(question.author));
  item.author.classList.toggle('is-anonymous', !question.author);
  setText(item.time, formatTime(question.createdAt));
  if (Number.isFinite(question.createdAt)) setAttr(item.time, 'datetime', new Date(question.createdAt).toISOString());
  updateFlags(item, question, ctx);
  updateFrozen(item, question);
  updateNotReviewed(item, question, ctx);
  updateReceived(item, question, ctx);
  updateFollowCode(item, question, ctx);
  updateFollowUp(item, question);
  updateReason(item, question);
  updateAnswer(item, question);
  updateWithdraw(item, question, ctx);
  updateVote(item, question, ctx);
}

// The asker's own question: its follow-up code, to read out or keep, and the page that follows it after the meeting.
function updateFollowCode(item, question, ctx) {
  const code = typeof question.followCode === 'string' ? question.followCode : '';
  const node = part(item, 'follow', ctx.mine && code !== '', () => {
    const p = el('p', 'q-follow');
    const label = el('span', 'q-follow-label');
    const link = el('a', 'q-follow-code');
    p.append(label, ' ', link);
    return p;
  }, item.body, item.meta.nextSibling);
  if (!node) return;
  setText(node.firstChild, t('q.follow.code'));
  const link = node.lastChild;
  setText(link, code);
  setAttr(link, 'href', `/f/${encodeURIComponent(code)}`);
  setAttr(link, 'title', t('q.follow.link'));
  // "tell me by email", folded away: the asker may leave an address to be told of each step (h16notify)
  const mail = part(item, 'followMail', true, () => {
    const details = el('details', 'q-follow-mail');
    const summary = el('summary');
    summary.dataset.i18n = 'q.followMail';
    details.append(summary, followMailForm(code));
    return details;
  }, item.body, node.nextSibling);
  translatePage(mail);
}

// What became of the question beyond the stage (issue 16): its latest follow-up step, live, for everyone; under the
// asker's own question it sits beside its follow-up code.
function updateFollowUp(item, question) {
  const step = latestStep(question);
  const node = part(item, 'followUp', step !== null, () => {
    const p = el('p', 'q-followup');
    p.append(el('span', 'q-followup-label'), ' ', el('span', 'q-followup-step'));
    return p;
  }, item.body, item.meta.nextSibling);
  if (!node) return;
  setText(node.firstChild, t('followup.resident.label'));
  showStep(node.lastChild, step);
}

export function updateVote(item, question, ctx) {
  setText(item.votes, String(question.votes ?? 0));
  setText(item.voteLabel, t('q.vote'));
  setAttr(item.vote, 'aria-pressed', ctx.voted ? 'true' : 'false');
  // Upvoting needs a live question; taking an upvote back works in any status. Nothing while closed, nothing while
  // the moderators froze the question's votes (the note under the text says so).
  const frozen = question.frozen === true;
  const canAct = ctx.sessionStatus !== 'closed' && !frozen && !ctx.banned
    && (ctx.voted || question.status === 'live');
  if (item.vote.disabled === canAct) item.vote.disabled = !canAct;
  if (frozen) {
    setAttr(item.vote, 'aria-describedby', frozenNoteId(item));
    setAttr(item.vote, 'title', t('q.frozen.note'));
  } else if (item.vote.hasAttribute('aria-describedby')) {
    item.vote.removeAttribute('aria-describedby');
    item.vote.removeAttribute('title');
  }
}

function frozenNoteId(item) {
  return `q-frozen-note-${item.li.dataset.id}`;
}

function updateFrozen(item, question) {
  const note = part(item, 'frozen', question.frozen === true, () => {
    const node = el('p', 'q-frozen-note');
    node.id = frozenNoteId(item);
    return node;
  }, item.body, item.meta.nextSibling);
  if (note) setText(note, t('q.frozen.note'));
}

// One state badge: "being answered" while on stage, else the status (never both "being answered" and "answered").
function updateFlags(item, question, ctx) {
  const state = stateBadge(question, ctx);
  const badge = part(item, 'state', state !== null, () => el('span'), item.flags, item.flags.firstChild);
  if (badge) {
    const className = state === 'onstage' ? 'q-onstage' : 'q-status';
    if (badge.className !== className) badge.className = className;
    setAttr(badge, 'data-status', state);
    setText(badge, t(state === 'onstage' ? 'q.onstage' : `q.status.${state}`));
  }
  const mine = part(item, 'mine', ctx.mine, () => el('span', 'q-mine'), item.flags, null);
  if (mine) setText(mine, t('q.mine'));
  const merged = part(item, 'merged', Boolean(question.mergedInto), () => el('span', 'q-merged'), item.flags, null);
  if (merged) setText(merged, t('q.merged'));
  const edited = part(item, 'edited', question.edited === true, () => el('span', 'q-edited'), item.flags, null);
  if (edited) setText(edited, t('q.edited'));
  const frozen = part(item, 'frozenBadge', question.frozen === true, () => el('span', 'q-frozen'), item.flags, null);
  if (frozen) setText(frozen, t('q.frozen'));
  setHidden(item.flags, item.flags.childElementCount === 0);
}

// One's own question still waiting when the session closed: nobody reviewed it, and the reader is told so.
function updateNotReviewed(item, question, ctx) {
  const show = stateBadge(question, ctx) === 'not_reviewed';
  const note = part(item, 'notReviewed', show, () => el('p', 'q-not-reviewed'), item.body, item.meta.nextSibling);
  if (note) setText(note, t('q.not_reviewed.note'));
}

// The question the reader just sent: it arrived, and (under pre-moderation) it waits for review.
function updateReceived(item, question, ctx) {
  const show = ctx.received === true && question.status !== 'withdrawn';
  const note = part(item, 'received', show, () => el('p', 'q-received'), item.body, item.flags.nextSibling);
  if (note) setText(note, t(question.status === 'pending' ? 'q.received.pending' : 'q.received.live'));
}

// Only the author (and moderators) receive a rejection's reason; show it under the text when present.
function updateReason(item, question) {
  const show = question.status === 'rejected' && typeof question.reason === 'string' && question.reason !== '';
  const box = part(item, 'reason', show, createReasonBox, item.body, item.parts.answer ?? item.parts.actions ?? null);
  if (!box) return;
  fillReasonBox(box, question.reason);
}

/** A `.q-reason` paragraph: a label and the reason (also used by the moderator console). */
export function createReasonBox() {
  const box = el('p', 'q-reason');
  box.append(el('span', 'q-reason-label'), ' ', el('span', 'q-reason-text'));
  return box;
}

export function fillReasonBox(box, reason) {
  setText(box.firstChild, t('q.reason'));
  setUserText(box.lastChild, reason);
}

function updateAnswer(item, question) {
  const answerText = question.answer?.text;
  const box = part(item, 'answer', Boolean(answerText), createAnswerBox, item.body, item.parts.actions ?? null);
  if (!box) return;
  setText(box.firstChild, t('q.answer'));
  setUserText(box.lastChild, answerText);
}

function createAnswerBox() {
  const box = el('div', 'q-answer-box');
  box.append(el('p', 'q-answer-label'), el('p', 'q-answer'));
  return box;
}

// "Withdraw" asks to be confirmed in place (not with the browser's confirm): a question, "withdraw" and "keep it".
function updateWithdraw(item, question, ctx) {
  const show = ctx.mine && WITHDRAWABLE_STATUSES.has(question.status);
  const actions = part(item, 'actions', show, createActions, item.body, null);
  if (!actions) return;
  const [button, confirm] = actions.children;
  setText(button, t('q.withdraw'));
  const disabled = ctx.sessionStatus === 'closed';
  if (button.disabled !== disabled) button.disabled = disabled;
  const confirming = ctx.confirming === true && !disabled;
  setHidden(button, confirming);
  setHidden(confirm, !confirming);
  const [text, yes, no] = confirm.children;
  setText(text, t('q.withdraw.confirm'));
  setText(yes, t('q.withdraw.confirm.yes'));
  setText(no, t('q.withdraw.confirm.no'));
}

function createActions() {
  const actions = el('div', 'q-actions');
  const button = el('button', 'q-withdraw');
  button.type = 'button';
  const confirm = el('div', 'q-withdraw-confirm');
  confirm.setAttribute('role', 'group');
  confirm.hidden = true;
  const text = el('p', 'q-withdraw-question');
  text.id = `q-withdraw-question-${nextConfirmId++}`;
  confirm.setAttribute('aria-labelledby', text.id);
  const yes = el('button', 'button danger q-withdraw-yes');
  yes.type = 'button';
  const no = el('button', 'button q-withdraw-no');
  no.type = 'button';
  confirm.append(text, yes, no);
  actions.append(button, confirm);
  return actions;
}

/** Adds an optional part when it should exist, removes it when not; returns the part or null. */
function part(item, key, present, create, parent, before) {
  let node = item.parts[key];
  if (present && !node) {
    node = create();
    item.parts[key] = node;
    parent.insertBefore(node, before);
  } else if (!present && node) {
    node.remove();
    delete item.parts[key];
    node = null;
  }
  return present ? node : null;
}
