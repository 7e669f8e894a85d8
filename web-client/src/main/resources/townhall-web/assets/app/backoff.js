// Exponential backoff with "equal jitter": half the delay is fixed, half random, so a crowd of phones that lost
// the same node does not come back in one wave.

export class Backoff {
  constructor({ baseMs = 500, maxMs = 15000 } = {}) {
    this.baseMs = baseMs;
    this.maxMs = maxMs;
    this.attempt = 0;
  }

  next() {
    const ceiling = Math.min(this.maxMs, this.baseMs * 2 ** this.attempt);
    this.attempt += 1;
    return ceiling / 2 + Math.random() * (ceiling / 2);
  }

  reset() {
    this.attempt = 0;
  }
}
