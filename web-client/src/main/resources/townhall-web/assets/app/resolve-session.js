// The resident page's way to a session when the page did not bring it: the join-code lookup, retried with backoff
// while the server cannot be reached or refuses for a while.

import { NotFoundError, RateLimitedError, sessionByCode } from './api.js';
import { Backoff } from './socket.js';

/** Looks the code up, retrying with backoff while the server cannot be reached; null when no such session. */
export async function resolveSession(code, banner, header) {
  const backoff = new Backoff({ baseMs: 1000, maxMs: 15000 });
  for (;;) {
    try {
      const session = await sessionByCode(code);
      banner.clear();
      return session;
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      const limited = error instanceof RateLimitedError;
      banner.show(limited ? 'error.rate_limited' : 'error.load');
      header.setConnState('offline');
      const wait = Math.max(backoff.next(), limited ? error.retryAfterMs : 0);
      await new Promise((resolve) => setTimeout(resolve, wait));
      header.setConnState('connecting');
    }
  }
}
