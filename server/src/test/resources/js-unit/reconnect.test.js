// Reconnecting: the first retry after a dropped connection comes fast, later ones back off with jitter up to a cap,
// and a hello refused with `rate_limited` waits what the server said plus 0–50 % jitter. Random and timers are
// injected, so every delay is known.
import { Outbox } from '/app/outbox.js';
import { Backoff, ReconnectingSocket } from '/app/socket.js';
import { Store } from '/app/store.js';
import { SessionSync } from '/app/sync.js';
import { FakeSocket, FakeTimers } from './fake-socket.js';
import { deepEqual, equal, ok, test } from './harness.js';

window.WebSocket = FakeSocket;

const constant = (value) => () => value;

test('backoff: first delay within 0.5–1.5 s, growing, never over the cap, jittered', () => {
  const low = new Backoff({ random: constant(0) });
  const high = new Backoff({ random: constant(0.999999) });
  const lows = Array.from({ length: 10 }, () => low.next());
  const highs = Array.from({ length: 10 }, () => high.next());
  ok(lows[0] >= 500 && highs[0] <= 1500, `first delay within 0.5–1.5 s: ${lows[0]}, ${highs[0]}`);
  ok(lows[1] > lows[0] && lows[2] > lows[1], 'growing');
  ok(highs.every((d) => d <= 2500) && lows.every((d) => d > 0), 'capped at 2.5 s, never zero');
  ok(lows.every((d, i) => d < highs[i]), 'the random part moves the delay');
  ok(lows[9] >= 1250, 'a capped delay keeps its jitter floor');
  ok(highs[9] === 2500, 'at the cap: never longer than 2.5 s however long the outage');
  low.reset();
  equal(low.next(), lows[0], 'reset starts over');
});

test('backoff: a server retryAfterMs wins, plus 0–50 % jitter', () => {
  equal(new Backoff({ random: constant(0) }).after(4000), 4000, 'at least retryAfterMs');
  equal(new Backoff({ random: constant(0.5) }).after(4000), 5000, 'a quarter more at random 0.5');
  ok(new Backoff({ random: constant(0.999999) }).after(4000) < 6000, 'under half as much again');
});

function socketWithTimers(random) {
  FakeSocket.opened = [];
  const timers = new FakeTimers();
  const states = [];
  const socket = new ReconnectingSocket('ws://js-unit.test/ws/sessions/s1', {
    onOpen: () => {}, onMessage: () => {}, onState: (s) => states.push(s), onTerminal: () => {},
  }, { random, timers });
  socket.start();
  return { socket, timers, states, ws: () => FakeSocket.opened.at(-1) };
}

test('a dropped connection: the first reconnect within 0.5–1.5 s, then backing off, capped', () => {
  const randoms = [0.1, 0.9, 0.3, 0.7, 0.5, 0.2, 0.8, 0.4, 0.6, 0.95];
  let i = 0;
  const { socket, timers, ws } = socketWithTimers(() => randoms[i++ % randoms.length]);
  ws().open();
  socket.confirmHealthy();
  ws().serverCloses(1006);
  const delays = [];
  for (let n = 0; n < 10; n += 1) {
    equal(timers.pending().length, 1, 'one retry scheduled');
    delays.push(timers.pending()[0].ms);
    timers.fire();
    ws().serverCloses(1006);
  }
  ok(delays[0] >= 500 && delays[0] <= 1500, `first reconnect fast: ${delays[0]}`);
  ok(delays[3] > delays[0], 'backing off');
  ok(delays.every((d) => d <= 2500), `capped at 2.5 s: ${delays}`);
  equal(new Set(delays.slice(6)).size > 1, true, 'jittered at the cap');
  equal(FakeSocket.opened.length, 11, 'each retry opened a socket');
  socket.stop();
});

function syncWithTimers(random) {
  FakeSocket.opened = [];
  const timers = new FakeTimers();
  const errors = [];
  const sync = new SessionSync({ sessionId: 's1', store: new Store(), outbox: new Outbox('s1'),
    tokens: { get: () => null, set: () => {} }, socketOptions: { random, timers },
    callbacks: { onConnState: () => {}, onError: (code) => errors.push(code), onAskRefused: () => {},
      onTerminal: () => {} } });
  sync.start();
  return { sync, timers, errors, ws: () => FakeSocket.opened.at(-1) };
}

test('a hello refused with rate_limited retries after retryAfterMs plus jitter, then says hello again', () => {
  const { sync, timers, errors, ws } = syncWithTimers(constant(0.2));
  ws().open();
  ws().receive({ type: 'error', code: 'rate_limited', message: 'busy', retryAfterMs: 4000 });
  ws().serverCloses(4429);
  deepEqual(timers.pending().map((t) => t.ms), [4400], 'retryAfterMs plus 20 % of half');
  deepEqual(errors, [], 'no error banner for a queued hello');
  timers.fire();
  equal(FakeSocket.opened.length, 2, 'reconnected');
  ws().open();
  equal(ws().sent[0].type, 'hello', 'hello again');
  ws().serverCloses(1006);
  const next = timers.pending()[0].ms;
  ok(next < 4000, `the server's wait is not kept for later drops: ${next}`);
  sync.stop();
});

test('rate_limited jitter stays within 0–50 % of retryAfterMs', () => {
  for (const r of [0, 0.37, 0.999999]) {
    const { sync, timers, ws } = syncWithTimers(constant(r));
    ws().open();
    ws().receive({ type: 'error', code: 'rate_limited', retryAfterMs: 10000 });
    ws().serverCloses(4429);
    const ms = timers.pending()[0].ms;
    ok(ms >= 10000 && ms < 15000, `within bounds at random ${r}: ${ms}`);
    sync.stop();
  }
});

test('close 4429 without retryAfterMs falls back to the jittered backoff', () => {
  const { sync, timers, ws } = syncWithTimers(constant(0.5));
  ws().open();
  ws().serverCloses(4429);
  const ms = timers.pending()[0].ms;
  ok(ms >= 500 && ms <= 1500, `a short jittered wait: ${ms}`);
  sync.stop();
});
