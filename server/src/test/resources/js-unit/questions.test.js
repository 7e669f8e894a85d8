// The resident page's list rules: filters and what they ask of paging, one state badge, the stage pinned on top.
import {
  FILTERS, SORTS, compareWithStage, pagingFor, passesFilter, stateBadge,
} from '/app/questions.js';
import { deepEqual, equal, ok, test } from './harness.js';

function question(id, fields = {}) {
  return { id, text: `Câu ${id}`, status: 'live', votes: 0, createdAt: Number(id), ...fields };
}

test('filters: answered shows answered questions, mine shows my own in any status one may see', () => {
  deepEqual(FILTERS, ['all', 'answered', 'mine'], 'the filters');
  const live = question('1');
  const answered = question('2', { status: 'answered' });
  const myPending = question('3', { status: 'pending' });
  const othersPending = question('4', { status: 'pending' });
  const withdrawn = question('5', { status: 'withdrawn' });
  ok(passesFilter('all', live, false) && passesFilter('all', answered, false), 'all: public ones');
  ok(passesFilter('all', myPending, true) && !passesFilter('all', othersPending, false), 'all: my pending only');
  ok(passesFilter('answered', answered, false) && !passesFilter('answered', live, false), 'answered');
  ok(!passesFilter('answered', myPending, true), 'answered: not my pending');
  ok(passesFilter('mine', myPending, true) && passesFilter('mine', answered, true), 'mine, any status');
  ok(!passesFilter('mine', live, false), 'mine: not another resident\'s');
  ok(!passesFilter('mine', withdrawn, true) && !passesFilter('all', withdrawn, true), 'withdrawn never');
});

test('paging per filter: mine reads nothing more, answered pages the answered status, all pages everything', () => {
  deepEqual(pagingFor('mine'), { pages: false, status: null });
  deepEqual(pagingFor('answered'), { pages: true, status: 'answered' });
  deepEqual(pagingFor('all'), { pages: true, status: null });
});

test('one state badge: on stage before answered; my pending question at the close was never reviewed', () => {
  equal(stateBadge(question('1', { status: 'answered' }), { onStage: true }), 'onstage', 'answered on stage');
  equal(stateBadge(question('1', { status: 'answered' })), 'answered', 'answered');
  equal(stateBadge(question('1')), null, 'live needs none');
  equal(stateBadge(question('1', { status: 'pending' }), { mine: true }), 'pending', 'waiting');
  equal(stateBadge(question('1', { status: 'pending' }), { mine: true, sessionStatus: 'closed' }), 'not_reviewed',
    'never reviewed');
  equal(stateBadge(question('1', { status: 'rejected' }), { mine: true, sessionStatus: 'closed' }), 'rejected',
    'a rejection stays one');
});

test('the question on stage comes first whatever the sort; the rest keep the sort\'s order', () => {
  const list = [question('1', { votes: 5 }), question('2', { votes: 9 }), question('3', { votes: 1 })];
  deepEqual([...list].sort(compareWithStage(SORTS.popular, '3')).map((q) => q.id), ['3', '2', '1'], 'popular');
  deepEqual([...list].sort(compareWithStage(SORTS.recent, '1')).map((q) => q.id), ['1', '3', '2'], 'recent');
  deepEqual([...list].sort(compareWithStage(SORTS.popular, null)).map((q) => q.id), ['2', '1', '3'], 'no stage');
});
