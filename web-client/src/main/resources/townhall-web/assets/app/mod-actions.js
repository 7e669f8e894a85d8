// A moderator's actions through the shared outbox and sync: each `moderate` or `session` message gets a fresh ref,
// is resent after a reconnect until answered, and its answer settles a promise. Retryable errors (unavailable,
// rate limited) keep the promise waiting, since sync sends the action again by itself.

import * as protocol from './protocol.js';

export class ModActions {
  constructor() {
    this.sync = null;
    this.waiting = new Map(); // ref -> {resolve, reject, questionId}
    this.busy = new Map(); // questionId -> actions in flight
    this.listeners = new Set();
  }

  attach(sync) {
    this.sync = sync;
  }

  /** listener(questionId) whenever a question's in-flight state changes. */
  onBusyChange(listener) {
    this.listeners.add(listener);
  }

  isBusy(questionId) {
    return (this.busy.get(questionId) ?? 0) > 0;
  }

  moderate(questionId, action, fields = {}) {
    return this.send(protocol.moderate(questionId, action, fields), questionId);
  }

  session(action) {
    return this.send(protocol.sessionControl(action), null);
  }

  send(message, questionId) {
    const promise = new Promise((resolve, reject) => {
      this.waiting.set(message.ref, { resolve, reject, questionId });
    });
    if (questionId) this.changeBusy(questionId, 1);
    this.sync.act(message);
    return promise;
  }

  /** sync's onAck. */
  acked(entry, ack) {
    this.settle(entry.ref, (waiter) => waiter.resolve(ack));
  }

  /** sync's onError, for errors that will not be retried. */
  refused(entry, code, message) {
    if (!entry || protocol.RETRYABLE_ERRORS.has(code)) return;
    this.settle(entry.ref, (waiter) => {
      const error = new Error(message || code);
      error.code = code;
      waiter.reject(error);
    });
  }

  settle(ref, fn) {
    const waiter = this.waiting.get(ref);
    if (!waiter) return;
    this.waiting.delete(ref);
    if (waiter.questionId) this.changeBusy(waiter.questionId, -1);
    fn(waiter);
  }

  changeBusy(questionId, delta) {
    const count = Math.max(0, (this.busy.get(questionId) ?? 0) + delta);
    if (count) this.busy.set(questionId, count);
    else this.busy.delete(questionId);
    for (const listener of this.listeners) listener(questionId);
  }
}
