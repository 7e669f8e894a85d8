// SessionSync against a stand-in for the browser's WebSocket (installed as window.WebSocket): what the page sends,
// in which order, and what it does with the server's answers.
import { Outbox } from '/app/outbox.js';
import { Store } from '/app/store.js';
import { SessionSync } from '/app/sync.js';
import { FakeSocket } from './fake-socket.js';
import { deepEqual, equal, eventually, ok, test } from './harness.js';

window.WebSocket = FakeSocket;

function welcome(seq, questions = [], fields = {}) {
  return { type: 'welcome', session: { id: 's1', status: 'open' }, seq, epoch: 'e1', participant: { id: 'p1',
    token: 'tok-1' }, role: 'resident', questions, ...fields };
}

function started(tokens) {
  FakeSocket.opened = [];
  const log = { states: [], errors: [], refused: [], terminal: [], rejoined: 0 };
  const store = new Store();
  const outbox = new Outbox('s1');
  const sync = new SessionSync({ sessionId: 's1', store, outbox, tokens, callbacks: {
    onConnState: (state) => log.states.push(state),
    onError: (code) => log.errors.push(code),
    onAskRefused: (entry) => log.refused.push(entry.ref),
    onTerminal: (code) => log.terminal.push(code),
    onRejoined: () => {
      log.rejoined += 1;
    },
  } });
  sync.start();
  return { sync, store, outbox, log, socket: () => FakeSocket.opened.at(-1) };
}

test('hello first; actions queued while connecting go out after the welcome, each once', () => {
  const { sync, store, outbox, log, socket } = started();
  equal(socket().url, 'ws://js-unit.test/ws/sessions/s1', 'socket URL');
  sync.ask('Khi nào sửa đường?', 'Lan');
  socket().open();
  deepEqual(socket().sent, [{ type: 'hello' }], 'only hello before the welcome (no token yet)');
  socket().receive(welcome(5));
  deepEqual(socket().types(), ['hello', 'ask'], 'the ask followed the welcome');
  equal(log.states.at(-1), 'online', 'online');
  equal(window.localStorage.getItem('townhall.token.s1'), 'tok-1', 'the participant token is kept');
  sync.flush();
  equal(socket().types().length, 2, 'an ask on its way is not sent twice');

  const ref = socket().sent[1].ref;
  socket().receive({ type: 'ack', ref, questionId: '9' });
  deepEqual(outbox.all(), [], 'nothing left to send');
  ok(store.isMine('9'), 'the acknowledged question is mine');
});

test('a retryable error sends the same action again, with the same ref, after retryAfterMs', async () => {
  const { sync, socket, outbox, log } = started();
  socket().open();
  socket().receive(welcome(1, [{ id: '4', status: 'live', votes: 0 }]));
  sync.vote('4', true);
  const sent = socket().sent.at(-1);
  socket().receive({ type: 'error', ref: sent.ref, code: 'rate_limited', retryAfterMs: 30 });
  deepEqual(log.errors, ['rate_limited'], 'the page is told');
  equal(outbox.get(sent.ref)?.ref, sent.ref, 'still queued');
  await eventually(() => socket().sent.length === 3, 'resent');
  deepEqual(socket().sent.at(-1), sent, 'the very same message, ref included');
});

test('a refusal for good drops the action and undoes what the page showed', () => {
  const { sync, store, socket, outbox, log } = started();
  socket().open();
  socket().receive(welcome(1, [{ id: '4', status: 'live', votes: 2 }]));
  sync.vote('4', true);
  equal(store.questions.get('4').votes, 3, 'optimistic count');
  socket().receive({ type: 'error', ref: socket().sent.at(-1).ref, code: 'not_found' });
  equal(store.questions.get('4').votes, 2, 'count back');
  ok(!store.hasVoted('4'), 'vote back');
  sync.ask('Câu hỏi bị từ chối');
  const ask = socket().sent.at(-1);
  socket().receive({ type: 'error', ref: ask.ref, code: 'invalid' });
  deepEqual(log.refused, [ask.ref], 'the refused ask is handed back to the page');
  deepEqual(outbox.all(), [], 'nothing left to send');
});

test('after a lost connection the hello resumes from the last seq and unanswered actions go again, same ref', async () => {
  const { sync, socket } = started();
  socket().open();
  socket().receive(welcome(7));
  sync.withdraw('3');
  const withdraw = socket().sent.at(-1);
  const first = socket();
  first.serverCloses(1006);
  await eventually(() => socket() !== first, 'a new socket', 5000);
  socket().open();
  deepEqual(socket().sent, [{ type: 'hello', token: 'tok-1', since: 7, epoch: 'e1' }], 'resuming hello');
  socket().receive({ type: 'resumed', seq: 7 });
  deepEqual(socket().sent.at(-1), withdraw, 'the withdraw again, with its ref');
});

test('a full snapshot without my acknowledged question sends that ask again, with its ref', () => {
  const { sync, socket, outbox } = started();
  socket().open();
  socket().receive(welcome(1));
  sync.ask('Câu hỏi bị mất');
  const ask = socket().sent.at(-1);
  socket().receive({ type: 'ack', ref: ask.ref, questionId: '11' });
  socket().receive(welcome(2, [{ id: '11', status: 'pending', mine: true }]));
  equal(socket().sent.filter((m) => m.type === 'ask').length, 1, 'the question is there: not resent');
  socket().receive(welcome(3, [], { epoch: 'e2' }));
  deepEqual(socket().sent.at(-1), ask, 'sent again, same ref');
  deepEqual(outbox.all().map((m) => m.ref), [ask.ref], 'waiting for its ack');
});

test('a refused resident token is dropped and the page joins again as someone new', async () => {
  window.localStorage.setItem('townhall.token.s1', 'expired');
  const { socket, log } = started();
  socket().open();
  deepEqual(socket().sent, [{ type: 'hello', token: 'expired' }], 'hello with the kept token');
  socket().serverCloses(4403);
  equal(window.localStorage.getItem('townhall.token.s1'), null, 'token dropped');
  equal(log.rejoined, 1, 'the page is told');
  deepEqual(log.terminal, [], 'not the end');
  await eventually(() => FakeSocket.opened.length === 2, 'a new socket');
  socket().open();
  deepEqual(socket().sent, [{ type: 'hello' }], 'hello without a token');
});

test('a link token the server refuses ends the connection', () => {
  const kept = { get: () => 'mod-token', set: () => {} };
  const { socket, log } = started(kept);
  socket().open();
  socket().serverCloses(4403);
  deepEqual(log.terminal, [4403], 'terminal');
  equal(FakeSocket.opened.length, 1, 'no reconnect');
});
