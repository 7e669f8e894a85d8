// Paging after a bounded welcome: the store merges paged questions without duplicates, the pager follows the
// cursor until the server says there is no more, starts over on `conflict`, and the console pages every status.
import { Outbox } from '/app/outbox.js';
import { Pager, pageEveryStatus } from '/app/paging.js';
import { Store } from '/app/store.js';
import { SessionSync } from '/app/sync.js';
import { FakeSocket } from './fake-socket.js';
import { deepEqual, equal, ok, test } from './harness.js';

window.WebSocket = FakeSocket;

function question(id, fields = {}) {
  return { id, text: `Câu ${id}`, status: 'live', votes: 0, voteVersion: 0, createdAt: 1, ...fields };
}

function welcomed(store, questions) {
  store.applyWelcome({ type: 'welcome', session: { id: 's1', status: 'open' }, seq: 1, epoch: 'e1',
    participant: { id: 'p1' }, role: 'resident', questions, more: true });
}

/** A server stand-in for Pager's request: answers from `pages` by cursor, records each request. */
function pagedServer(pages) {
  const server = { requests: [], pending: [] };
  server.request = (message, callback) => {
    server.requests.push(message);
    server.pending.push(() => callback(null, pages[message.cursor ?? 'first']));
    return true;
  };
  server.answerAll = () => {
    while (server.pending.length) server.pending.shift()();
  };
  return server;
}

test('merged pages add only unknown questions; known ones keep their live state', () => {
  const store = new Store();
  welcomed(store, [question('1', { votes: 9, voteVersion: 4 }), question('2')]);
  const changes = [];
  store.subscribe((change) => changes.push(change));
  const added = store.mergeQuestions([question('2', { votes: 0, text: 'cũ' }), question('3', { mine: true }),
    question('4', { voted: true }), question('3')]);
  deepEqual(added, ['3', '4'], 'added ids, each once');
  deepEqual([...store.questions.keys()], ['1', '2', '3', '4'], 'no duplicates');
  equal(store.questions.get('2').text, 'Câu 2', 'a known question is not overwritten by the page');
  ok(store.isMine('3') && store.hasVoted('4'), 'mine and voted of paged questions');
  equal(store.questions.get('3').mine, undefined, 'flags stripped from the stored question');
  deepEqual(changes, [{ kind: 'page', ids: ['3', '4'] }], 'one page change');
  deepEqual(store.mergeQuestions([question('1')]), [], 'nothing new: nothing added');
  equal(changes.length, 1, 'and no change emitted');
});

test('the pager follows the cursor and stops when the server has no more', () => {
  const store = new Store();
  welcomed(store, [question('1')]);
  const server = pagedServer({
    first: { questions: [question('1'), question('2')], cursor: 'p1.2' },
    'p1.2': { questions: [question('3')], cursor: null },
  });
  const pager = new Pager({ request: server.request, store });
  pager.reset(true);
  ok(pager.loadMore(), 'first page asked');
  equal(pager.loadMore(), false, 'one page at a time');
  server.answerAll();
  ok(pager.loadMore(), 'second page asked');
  server.answerAll();
  ok(pager.done, 'done after a null cursor');
  equal(pager.loadMore(), false, 'no request after the end');
  deepEqual(server.requests.map((m) => [m.type, m.order, m.cursor]),
    [['page', 'popular', undefined], ['page', 'popular', 'p1.2']], 'requests');
  ok(server.requests.every((m) => typeof m.ref === 'string' && m.ref), 'every request has a ref');
  deepEqual([...store.questions.keys()].sort(), ['1', '2', '3'], 'every question once');
});

test('a welcome without more asks for no page', () => {
  const server = pagedServer({});
  const pager = new Pager({ request: server.request, store: new Store() });
  pager.reset(false);
  equal(pager.loadMore(), false, 'nothing to ask');
  equal(server.requests.length, 0, 'no request');
});

test('conflict on an expired popular cursor starts again from the first page', () => {
  const store = new Store();
  welcomed(store, []);
  const requests = [];
  const answers = [
    (cb) => cb(null, { questions: [question('1')], cursor: 'p1.1' }),
    (cb) => cb({ code: 'conflict' }, null),
    (cb) => cb(null, { questions: [question('1'), question('2')], cursor: null }),
  ];
  const pager = new Pager({ store, request: (message, callback) => {
    requests.push(message.cursor ?? null);
    answers[requests.length - 1](callback);
    return true;
  } });
  pager.reset(true);
  pager.loadMore();
  pager.loadMore();
  deepEqual(requests, [null, 'p1.1', null], 'first page asked again after the conflict');
  ok(pager.done, 'then done');
  deepEqual([...store.questions.keys()], ['1', '2'], 'no duplicates after starting over');
});

test('a dropped connection keeps the cursor; a refusal other than conflict stops paging', () => {
  const store = new Store();
  let answer = (cb) => cb(null, { questions: [question('1')], cursor: 'r1' });
  const cursors = [];
  const pager = new Pager({ store, request: (message, callback) => {
    cursors.push(message.cursor ?? null);
    answer(callback);
    return true;
  } });
  pager.reset(true);
  pager.loadMore();
  answer = (cb) => cb({ code: 'unavailable' }, null);
  pager.loadMore();
  equal(pager.done, false, 'still more to read after unavailable');
  pager.loadMore();
  deepEqual(cursors, [null, 'r1', 'r1'], 'the cursor kept');
  answer = (cb) => cb({ code: 'forbidden' }, null);
  pager.loadMore();
  ok(pager.done, 'stopped');
});

test('the console pages every status to its end, one request at a time', () => {
  const store = new Store();
  welcomed(store, []);
  const requests = [];
  const queue = [];
  const paging = pageEveryStatus({ store, statuses: ['pending', 'rejected'], request: (message, callback) => {
    requests.push(`${message.status}:${message.cursor ?? '-'}`);
    equal(message.order, 'recent', 'order');
    queue.push(() => {
      const more = message.status === 'pending' && !message.cursor;
      callback(null, { questions: [question(`${message.status}-${message.cursor ?? 0}`, { status: message.status })],
        cursor: more ? 'r5' : null });
    });
    return true;
  } });
  paging.reset(true);
  while (queue.length) {
    equal(queue.length, 1, 'one request in flight');
    queue.shift()();
  }
  deepEqual(requests, ['pending:-', 'pending:r5', 'rejected:-'], 'every status, cursor followed');
  ok(paging.done(), 'done');
  equal(store.questions.size, 3, 'every question merged');
  paging.reset(false);
  paging.pump();
  equal(requests.length, 3, 'a welcome without more asks nothing');
});

test('a page answer over the socket reaches the request that asked for it', () => {
  FakeSocket.opened = [];
  const store = new Store();
  const sync = new SessionSync({ sessionId: 's1', store, outbox: new Outbox('s1'), tokens: { get: () => null,
    set: () => {} }, callbacks: { onConnState: () => {}, onError: () => {}, onAskRefused: () => {},
    onTerminal: () => {} } });
  sync.start();
  const socket = FakeSocket.opened.at(-1);
  socket.open();
  const pager = new Pager({ request: (m, cb) => sync.request(m, cb), store });
  pager.reset(true);
  equal(pager.loadMore(), false, 'not before the welcome');
  socket.receive({ type: 'welcome', session: { id: 's1', status: 'open' }, seq: 3, epoch: 'e1',
    participant: { id: 'p1', token: 't' }, role: 'resident', questions: [question('1')], more: true });
  ok(pager.loadMore(), 'asked once ready');
  const sent = socket.sent.at(-1);
  equal(sent.type, 'page', 'page request sent');
  socket.receive({ type: 'page', ref: sent.ref, order: 'popular', questions: [question('1'), question('2')],
    cursor: null });
  deepEqual([...store.questions.keys()], ['1', '2'], 'merged');
  ok(pager.done, 'done');
  sync.stop();
});

test("the answered filter pages one status from the first page; a late answer for the old one is dropped", () => {
  const store = new Store();
  welcomed(store, []);
  const server = pagedServer({
    first: { questions: [question('1')], cursor: 'p1.1' },
    'p1.1': { questions: [question('9', { status: 'answered' })], cursor: null },
  });
  const pager = new Pager({ request: server.request, store });
  pager.reset(true);
  pager.loadMore();
  server.answerAll();
  pager.loadMore(); // on its way when the filter changes
  pager.setStatus('answered');
  ok(pager.loadMore(), 'the first page of the status asked at once');
  server.answerAll();
  deepEqual(server.requests.map((m) => [m.cursor ?? null, m.status ?? null]),
    [[null, null], ['p1.1', null], [null, 'answered']], 'the status from the first page on');
  equal(store.questions.has('9'), false, 'the page asked before the change is not merged');
  pager.setStatus('answered');
  equal(pager.busy, false, 'the same status again starts nothing');
});
