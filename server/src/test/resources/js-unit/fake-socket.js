// A stand-in for the browser's WebSocket, for tests that install it as window.WebSocket: records what the page
// sends and lets the test play the server.
export class FakeSocket {
  static CONNECTING = 0;
  static OPEN = 1;
  static CLOSING = 2;
  static CLOSED = 3;
  static opened = [];

  constructor(url) {
    this.url = url;
    this.readyState = FakeSocket.CONNECTING;
    this.sent = [];
    FakeSocket.opened.push(this);
  }

  send(data) {
    this.sent.push(JSON.parse(data));
  }

  close() {
    this.readyState = FakeSocket.CLOSED;
  }

  open() {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
  }

  receive(message) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }

  serverCloses(code) {
    this.readyState = FakeSocket.CLOSED;
    this.onclose?.({ code });
  }

  /** The types of the messages sent, in order. */
  types() {
    return this.sent.map((m) => m.type);
  }
}

/** Timers a test fires by hand: `set` records the callback and its delay, `fire()` runs the newest pending one. */
export class FakeTimers {
  constructor() {
    this.all = [];
  }

  set = (fn, ms) => {
    this.all.push({ fn, ms, cleared: false, fired: false });
    return this.all.length;
  };

  clear = (id) => {
    if (id && this.all[id - 1]) this.all[id - 1].cleared = true;
  };

  pending() {
    return this.all.filter((timer) => !timer.cleared && !timer.fired);
  }

  fire() {
    const timer = this.pending().at(-1);
    timer.fired = true;
    timer.fn();
    return timer;
  }
}
