// Actions sent but not yet answered, kept in memory and in localStorage so a reload or a lost connection never
// loses them. Each keeps its ref, so a resend after a reconnect is applied once by the server. An acknowledged ask
// stays, marked with the question id it got: if Redis ever loses that question after answering (a failover to a
// replica that lagged), the next full snapshot lacks it and the ask is sent again.

import { storage } from './storage.js';

export class Outbox {
  /**
   * @param {string} sessionId
   * @param {{persist?: boolean}} [options] persist: false keeps the actions in memory only (a moderator's or a
   *   display's actions must not mix with the resident outbox that localStorage keeps for the same session)
   */
  constructor(sessionId, { persist = true } = {}) {
    this.sessionId = sessionId;
    this.persist = persist;
    this.entries = new Map();
    this.listeners = new Set();
    if (!persist) return;
    for (const message of storage.outbox(sessionId)) {
      if (message?.ref && message.type) this.entries.set(message.ref, message);
    }
  }

  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * The ask with `ref` was acknowledged as `questionId`. It is kept (not sent again) for as long as the session
   * lasts: should a full snapshot ever lack that question, the store lost it after answering, and it is resent.
   */
  settle(ref, questionId) {
    const message = this.entries.get(ref);
    if (!message) return;
    message.settled = questionId;
    this.changed();
  }

  /** Acknowledged asks, each with the id of its question. */
  settled() {
    return [...this.entries.values()].filter((message) => message.settled);
  }

  /** Sends an acknowledged ask again, with its ref (its question was lost). */
  resend(ref) {
    const message = this.entries.get(ref);
    if (!message?.settled) return;
    delete message.settled;
    this.changed();
  }

  /** Queues an action; a vote replaces an earlier unanswered vote on the same question (the value is absolute). */
  add(message) {
    if (message.type === 'vote') {
      const older = this.voteFor(message.questionId);
      if (older) this.entries.delete(older.ref);
    }
    this.entries.set(message.ref, message);
    this.changed();
    return message;
  }

  get(ref) {
    return this.entries.get(ref) ?? null;
  }

  remove(ref) {
    const message = this.entries.get(ref) ?? null;
    if (message) {
      this.entries.delete(ref);
      this.changed();
    }
    return message;
  }

  /** The actions still to be sent or answered (not the acknowledged asks). */
  all() {
    return [...this.entries.values()].filter((message) => !message.settled);
  }

  asks() {
    return this.all().filter((message) => message.type === 'ask');
  }

  voteFor(questionId) {
    return this.all().find((m) => m.type === 'vote' && m.questionId === questionId) ?? null;
  }

  withdrawFor(questionId) {
    return this.all().find((m) => m.type === 'withdraw' && m.questionId === questionId) ?? null;
  }

  changed() {
    if (this.persist) storage.setOutbox(this.sessionId, [...this.entries.values()]);
    for (const listener of this.listeners) listener();
  }
}
