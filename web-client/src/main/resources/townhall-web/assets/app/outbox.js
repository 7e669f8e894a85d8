// Actions sent but not yet answered, kept in memory and in localStorage so a reload or a lost connection never
// loses them. Each keeps its ref, so a resend after a reconnect is applied once by the server.

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

  all() {
    return [...this.entries.values()];
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
    if (this.persist) storage.setOutbox(this.sessionId, this.all());
    for (const listener of this.listeners) listener();
  }
}
