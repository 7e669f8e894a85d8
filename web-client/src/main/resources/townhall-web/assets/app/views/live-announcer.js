// Tells screen readers, politely and without moving focus, how many new questions arrived for review. Arrivals
// are counted and announced together once they pause for a moment, so a burst makes one announcement.

import { t } from '../i18n.js';

const QUIET_MS = 1200;
const MAX_WAIT_MS = 4000;

export class LiveAnnouncer {
  constructor(region) {
    this.region = region;
    this.count = 0;
    this.timer = null;
    this.firstAt = 0;
  }

  newPending() {
    if (this.count === 0) this.firstAt = Date.now();
    this.count += 1;
    clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(QUIET_MS, this.firstAt + MAX_WAIT_MS - Date.now()));
    this.timer = setTimeout(() => this.flush(), wait);
  }

  flush() {
    const n = this.count;
    this.count = 0;
    this.timer = null;
    if (!n) return;
    this.say(t(n === 1 ? 'mod.live.new.one' : 'mod.live.new.many', { n }));
  }

  say(text) {
    // A changed text node is what live regions announce; clearing first makes a repeat of the same words count.
    this.region.textContent = '';
    requestAnimationFrame(() => {
      this.region.textContent = text;
    });
    setTimeout(() => {
      if (this.region.textContent !== text) this.region.textContent = text;
    }, 100);
  }
}
