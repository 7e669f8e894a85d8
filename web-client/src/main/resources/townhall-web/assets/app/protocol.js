// Builders for the messages a client sends (docs/protocol.md), and the protocol's vocabulary.

/** Error codes after which the same action may be sent again, with the same ref. */
export const RETRYABLE_ERRORS = new Set(['unavailable', 'rate_limited']);

export const DEFAULT_MAX_LENGTH = 500;
export const AUTHOR_MAX_LENGTH = 40;
export const REASON_MAX_LENGTH = 200;
export const ANSWER_MAX_LENGTH = 2000;

/** The server refused the hello's token (expired, forged, of another session): that token will never work. */
export const TOKEN_REFUSED_CLOSE = 4403;
/** No session with this id. */
export const NO_SESSION_CLOSE = 4404;
/** Close codes after which reconnecting as before is pointless. */
export const TERMINAL_CLOSE_CODES = new Set([TOKEN_REFUSED_CLOSE, NO_SESSION_CLOSE]);
/** Close codes that mean "another node is ready now": reconnect without waiting. */
export const IMMEDIATE_CLOSE_CODES = new Set([1012]);

let counter = 0;

/** A ref unique across reloads and tabs: kind, time, a page-local counter and randomness (well under 64 chars). */
export function newRef(kind) {
  counter += 1;
  const random = new Uint32Array(1);
  crypto.getRandomValues(random);
  return `${kind}-${Date.now().toString(36)}-${counter.toString(36)}-${random[0].toString(36)}`;
}

export function hello({ token, since, epoch }) {
  const message = { type: 'hello' };
  if (token) message.token = token;
  if (Number.isInteger(since) && epoch) {
    message.since = since;
    message.epoch = epoch;
  }
  return message;
}

export function ask(text, author) {
  const message = { type: 'ask', ref: newRef('a'), text };
  if (author) message.author = author;
  return message;
}

/** The channels a clerk enters questions from (docs/protocol.md, onBehalf), in the order of their keys 1–6. */
export const CLERK_CHANNELS = ['spoken', 'paper', 'hotline', 'zalo', 'email', 'other'];
export const AREA_MAX_LENGTH = 80;

/**
 * A clerk's entry on behalf of someone: `onBehalf` {name?, area?, channel, askingNow?} (empty name and area left
 * out; askingNow only when true).
 */
export function askOnBehalf(text, { name, area, channel, askingNow }) {
  const onBehalf = { channel };
  if (name) onBehalf.name = name;
  if (area) onBehalf.area = area;
  if (askingNow) onBehalf.askingNow = true;
  return { type: 'ask', ref: newRef('a'), text, onBehalf };
}

export function vote(questionId, upvote) {
  return { type: 'vote', ref: newRef('v'), questionId, value: upvote ? 1 : 0 };
}

export function withdraw(questionId) {
  return { type: 'withdraw', ref: newRef('w'), questionId };
}

/** A moderator action on one question; `fields` carries reason, text or into where the action needs them. */
export function moderate(questionId, action, fields = {}) {
  return { type: 'moderate', ref: newRef('m'), questionId, action, ...fields };
}

/** A moderator's open, pause or close of the whole session. */
export function sessionControl(action) {
  return { type: 'session', ref: newRef('s'), action };
}

/** A moderator's request for the session's vote signals; answered by a `signals` message with the same ref. */
export function signals() {
  return { type: 'signals', ref: newRef('g') };
}

/** The longest open-text poll answer (NewPoll.MAX_TEXT_ANSWER). */
export const POLL_TEXT_MAX_LENGTH = 140;

/**
 * A moderator prepares a poll: `definition` is {kind, question, options, max, hidden} (options and max only where the
 * kind takes them).
 */
export function pollCreate({ kind, question, options, max, hidden }) {
  const message = { type: 'poll', ref: newRef('p'), action: 'create', kind, question, hidden: Boolean(hidden) };
  if (options) message.options = options;
  if (Number.isInteger(max)) message.max = max;
  return message;
}

/** A moderator opens or closes a poll, or hides a text answer (`answer`: its number). */
export function pollAction(action, poll, answer) {
  const message = { type: 'poll', ref: newRef('p'), action, poll };
  if (Number.isInteger(answer)) message.answer = answer;
  return message;
}

/** A participant's answer to a poll: exactly one of {choices}, {rating} or {text}. */
export function answerPoll(poll, answer) {
  return { type: 'answerPoll', ref: newRef('o'), poll, ...answer };
}

export function ping() {
  return { type: 'ping' };
}
