import { Store } from '/app/store.js';
import { deepEqual, equal, ok, test } from './harness.js';

function question(id, fields = {}) {
  return { id, text: `Câu hỏi ${id}`, status: 'live', votes: 0, createdAt: Number(id), ...fields };
}

function welcomed(questions = [question('1'), question('2')], seq = 10) {
  const store = new Store();
  store.applyWelcome({ type: 'welcome', session: { id: 's1', title: 'Phiên', status: 'open' }, seq, epoch: 'e1',
    stage: null, presence: 3, participant: { id: 'p1' }, role: 'resident', questions });
  return store;
}

function recording(store) {
  const changes = [];
  store.subscribe((change) => changes.push(change));
  return changes;
}

test('a welcome replaces everything and keeps mine and voted apart from the questions', () => {
  const store = welcomed([question('1', { mine: true, voted: true, votes: 4 }), question('2')]);
  equal(store.seq, 10, 'seq');
  equal(store.epoch, 'e1', 'epoch');
  equal(store.presence, 3, 'presence');
  ok(store.isMine('1') && !store.isMine('2'), 'only question 1 is mine');
  ok(store.hasVoted('1') && !store.hasVoted('2'), 'only question 1 is voted');
  deepEqual(store.questions.get('1'), question('1', { votes: 4 }), 'question 1 without its flags');
  ok(store.hasSnapshot(), 'a welcome is a snapshot to resume from');

  const again = welcomed([question('3')], 20);
  again.applyWelcome({ type: 'welcome', session: { id: 's1' }, seq: 30, epoch: 'e2', questions: [question('4')] });
  deepEqual([...again.questions.keys()], ['4'], 'the second welcome replaced the first');
  equal(again.epoch, 'e2', 'epoch of the second welcome');
});

test('events apply in seq order, each once: a repeat or an older seq changes nothing', () => {
  const store = welcomed();
  const changes = recording(store);
  ok(store.applyEvent({ type: 'question', seq: 11, question: question('1', { status: 'answered' }) }), 'seq 11');
  ok(!store.applyEvent({ type: 'question', seq: 11, question: question('1', { status: 'archived' }) }), 'seq 11 again');
  ok(!store.applyEvent({ type: 'question', seq: 9, question: question('2', { status: 'archived' }) }), 'seq 9');
  ok(store.applyEvent({ type: 'stage', seq: 12, questionId: '2' }), 'seq 12');
  ok(store.applyEvent({ type: 'session', seq: 13, session: { status: 'paused' } }), 'seq 13');
  equal(store.questions.get('1').status, 'answered', 'question 1 kept the status of seq 11');
  equal(store.questions.get('2').status, 'live', 'question 2 untouched by the old event');
  equal(store.stage, '2', 'stage');
  equal(store.status(), 'paused', 'session status');
  equal(store.session.title, 'Phiên', 'a session event merges into what was known');
  equal(store.seq, 13, 'seq');
  deepEqual(changes.map((c) => c.kind), ['question', 'stage', 'session'], 'one change per applied event');
});

test('an event before any welcome, of an unknown type or without an integer seq is ignored', () => {
  const store = new Store();
  ok(!store.applyEvent({ type: 'question', seq: 1, question: question('1') }), 'before welcome');
  const welcomedStore = welcomed();
  ok(!welcomedStore.applyEvent({ type: 'mystery', seq: 11 }), 'unknown type');
  ok(!welcomedStore.applyEvent({ type: 'question', seq: '12', question: question('9') }), 'seq as a string');
  equal(welcomedStore.seq, 10, 'seq unchanged');
  ok(!welcomedStore.questions.has('9'), 'question 9 not added');
});

test('vote counts only move forward by version; an event never brings back an older count', () => {
  const store = welcomed([question('1', { votes: 3, voteVersion: 5 })]);
  const changes = recording(store);
  store.applyVotes({ 1: 2 }, { 1: 4 });
  equal(store.questions.get('1').votes, 3, 'an older version is dropped');
  store.applyVotes({ 1: 7 }, { 1: 6 });
  equal(store.questions.get('1').votes, 7, 'a newer version applies');
  store.applyVotes({ 99: 1 }, { 99: 1 });
  deepEqual(changes, [{ kind: 'votes', ids: ['1'] }], 'one change, for the question that changed');

  store.applyEvent({ type: 'question', seq: 11, question: question('1', { votes: 5, voteVersion: 5, status: 'answered' }) });
  equal(store.questions.get('1').votes, 7, 'the event was written before the newer count');
  equal(store.questions.get('1').status, 'answered', 'the rest of the event applies');
});

test('an optimistic vote moves the count by one, never below zero, and only when it changes my vote', () => {
  const store = welcomed([question('1', { votes: 0 })]);
  store.toggleVoteLocally('1', true);
  equal(store.questions.get('1').votes, 1, 'after upvote');
  ok(store.hasVoted('1'), 'voted');
  store.toggleVoteLocally('1', true);
  equal(store.questions.get('1').votes, 1, 'a second upvote changes nothing');
  store.toggleVoteLocally('1', false);
  store.toggleVoteLocally('1', false);
  equal(store.questions.get('1').votes, 0, 'after taking it back');
  // a count that lags behind my vote (its event is on its way): taking the vote back shows 0, not -1
  const lagging = welcomed([question('2', { votes: 0, voted: true })]);
  lagging.toggleVoteLocally('2', false);
  equal(lagging.questions.get('2').votes, 0, 'never below zero');
  ok(!lagging.hasVoted('2'), 'vote taken back');
});

test('presence takes integers only; markMine announces a known question once', () => {
  const store = welcomed();
  const changes = recording(store);
  store.applyPresence('7');
  store.applyPresence(7);
  equal(store.presence, 7, 'presence');
  store.markMine('1');
  store.markMine('1');
  store.markMine('42');
  ok(store.isMine('42'), 'a question not seen yet can be mine');
  deepEqual(changes, [{ kind: 'presence' }, { kind: 'question', id: '1' }], 'changes');
});
