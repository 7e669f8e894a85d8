// Reads the questions a bounded `welcome` left out (`"more": true`), one `page` request at a time (docs/protocol.md,
// "Bounded welcome and paging"). The store merges what arrives, so a question the welcome or an event already
// brought is never shown twice.

import { newRef } from './protocol.js';

/** Every status a moderator pages through, one after the other, to hold the whole session. */
export const PAGE_STATUSES = ['pending', 'live', 'answered', 'archived', 'rejected', 'withdrawn'];

export class Pager {
  /**
   * @param {object} options
   * @param {(message: object, callback: (error, answer) => void) => boolean} options.request sends a read request
   *   (SessionSync.request); answers false when it could not be sent
   * @param {import('./store.js').Store} options.store
   * @param {'popular'|'recent'} [options.order]
   * @param {string|null} [options.status] page one status (residents: one everyone sees)
   * @param {() => void} [options.onChange] after each answer (a page merged, or paging ended)
   */
  constructor({ request, store, order = 'popular', status = null, onChange = () => {} }) {
    this.request = request;
    this.store = store;
    this.order = order;
    this.status = status;
    this.onChange = onChange;
    this.more = false;
    this.cursor = null;
    this.done = true;
    this.busy = false;
    this.generation = 0;
  }

  /** A welcome arrived: start over, with more pages to read only when it said `more`. */
  reset(more) {
    this.more = more === true;
    this.restart();
  }

  /** Pages one status only (null: all), from the first page on; the resident page's "answered" filter. */
  setStatus(status) {
    if (status === this.status) return;
    this.status = status;
    this.restart();
  }

  /** Pages in another order from the first page on (what was merged stays). */
  setOrder(order) {
    if (order === this.order) return;
    this.order = order;
    this.restart();
  }

  restart() {
    this.generation += 1;
    this.cursor = null;
    this.done = !this.more;
    this.busy = false;
    this.onChange();
  }

  /** Asks for the next page unless paging is over or a page is on its way; answers whether a request went out. */
  loadMore() {
    if (this.done || this.busy) return false;
    const message = { type: 'page', ref: newRef('p'), order: this.order };
    if (this.cursor) message.cursor = this.cursor;
    if (this.status) message.status = this.status;
    const generation = this.generation;
    this.busy = true;
    const sent = this.request(message, (error, answer) => this.answered(generation, error, answer));
    if (!sent) this.busy = false; // not connected: nothing is on its way
    return sent;
  }

  answered(generation, error, answer) {
    if (generation !== this.generation) return; // a welcome or a new order started over meanwhile
    this.busy = false;
    if (error) {
      // The popular order this cursor walked is no longer kept: start again from the first page.
      if (error.code === 'conflict' && this.cursor) {
        this.cursor = null;
        this.loadMore();
        return;
      }
      // The connection dropped or the store is away: the cursor stays for the next try (a scroll, a reconnect).
      // Anything else will not get better by asking again: stop until the next welcome.
      if (error.code !== 'unavailable') {
        this.done = true;
        this.onChange();
      }
      return;
    }
    this.store.mergeQuestions(answer?.questions ?? []);
    this.cursor = answer?.cursor ?? null;
    this.done = !this.cursor;
    this.onChange();
  }
}

/**
 * The moderator console's loop: page every status to its end, one request at a time. Returns the pagers, to
 * `reset` at each welcome; `pump()` continues wherever paging stands (call it when the connection is ready).
 */
export function pageEveryStatus({ request, store, statuses = PAGE_STATUSES }) {
  const pagers = statuses.map((status) => new Pager({
    request, store, order: 'recent', status, onChange: () => pump(),
  }));
  const pump = () => {
    if (pagers.some((pager) => pager.busy)) return;
    pagers.find((pager) => !pager.done)?.loadMore();
  };
  return {
    reset: (more) => {
      for (const pager of pagers) pager.reset(more);
      pump();
    },
    pump,
    done: () => pagers.every((pager) => pager.done),
  };
}
