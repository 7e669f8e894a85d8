import { Outbox } from '/app/outbox.js';
import { ask, vote, withdraw } from '/app/protocol.js';
import { deepEqual, equal, ok, test } from './harness.js';

test('queued actions survive a reload, by ref, and stay with their session', () => {
  const outbox = new Outbox('s1');
  const first = outbox.add(ask('Khi nào sửa đường?', 'Lan'));
  const second = outbox.add(withdraw('7'));
  new Outbox('s2').add(ask('Của phiên khác'));

  const reloaded = new Outbox('s1');
  deepEqual(reloaded.all().map((m) => m.ref), [first.ref, second.ref], 'refs after the reload');
  deepEqual(reloaded.get(first.ref), first, 'the ask as it was queued');
  equal(new Outbox('s2').all().length, 1, 'the other session keeps its own');
});

test('a newer vote on a question replaces the unanswered older one (the value is absolute)', () => {
  const outbox = new Outbox('s1');
  const up = outbox.add(vote('5', true));
  const otherQuestion = outbox.add(vote('6', true));
  const down = outbox.add(vote('5', false));
  deepEqual(outbox.all().map((m) => m.ref), [otherQuestion.ref, down.ref], 'queued');
  equal(outbox.get(up.ref), null, 'the first vote on 5 is gone');
  equal(outbox.voteFor('5').value, 0, 'the vote on 5 that will be sent');
});

test('an acknowledged ask is kept with its question id, not resent, until it is found lost', () => {
  const outbox = new Outbox('s1');
  const message = outbox.add(ask('Câu hỏi'));
  outbox.settle(message.ref, '12');
  deepEqual(outbox.all(), [], 'nothing left to send');
  deepEqual(outbox.asks(), [], 'no ask waiting');
  deepEqual(outbox.settled().map((m) => [m.ref, m.settled]), [[message.ref, '12']], 'settled');
  deepEqual(new Outbox('s1').settled().map((m) => m.ref), [message.ref], 'settled asks survive a reload');

  outbox.resend(message.ref);
  deepEqual(outbox.all().map((m) => m.ref), [message.ref], 'resent with the same ref, so it is applied once');
  ok(!('settled' in outbox.get(message.ref)), 'no longer settled');
});

test('settle, resend and remove of an unknown ref change nothing', () => {
  const outbox = new Outbox('s1');
  let notified = 0;
  outbox.subscribe(() => {
    notified += 1;
  });
  const message = outbox.add(withdraw('3'));
  outbox.settle('nope', '1');
  outbox.resend(message.ref); // not settled: nothing to resend
  equal(outbox.remove('nope'), null, 'remove of an unknown ref');
  equal(notified, 1, 'only the add notified');
  deepEqual(outbox.remove(message.ref), message, 'remove answers the message');
  deepEqual(new Outbox('s1').all(), [], 'and the removal is persisted');
  equal(window.localStorage.getItem('townhall.outbox.s1'), null, 'an empty outbox leaves no key behind');
});

test('an outbox that does not persist never touches storage', () => {
  window.localStorage.setItem('townhall.outbox.s1', JSON.stringify([ask('Của cư dân')]));
  const outbox = new Outbox('s1', { persist: false });
  deepEqual(outbox.all(), [], 'the resident outbox of the same session is not read');
  outbox.add(vote('1', true));
  equal(JSON.parse(window.localStorage.getItem('townhall.outbox.s1')).length, 1, 'the stored outbox is untouched');
  equal(JSON.parse(window.localStorage.getItem('townhall.outbox.s1'))[0].type, 'ask', 'still the resident ask');
});

test('stored entries without a ref or a type are dropped on load', () => {
  window.localStorage.setItem('townhall.outbox.s1', JSON.stringify([{ type: 'ask' }, { ref: 'x' }, null,
    { ref: 'a-1', type: 'ask', text: 'ok' }]));
  deepEqual(new Outbox('s1').all().map((m) => m.ref), ['a-1'], 'kept');
});
