// The resident's windowed question list: a short list is rendered whole; a long one holds in the DOM only the rows
// on screen and a margin, each with its place in the whole list (aria-posinset/aria-setsize), whichever way the page
// is scrolled, never the same question twice.
import { Store } from '/app/store.js';
import { QuestionList } from '/app/views/question-list.js';
import { equal, ok, test } from './harness.js';

function question(id, votes) {
  return { id: String(id), text: `Câu hỏi số ${id} về đường sá`, status: 'live', votes, voteVersion: 0, createdAt: id };
}

function listOf(count) {
  document.body.replaceChildren();
  const list = document.createElement('ul');
  const empty = document.createElement('p');
  document.body.append(list, empty);
  const store = new Store();
  const view = new QuestionList({ list, empty, store, onVote: () => {}, onWithdraw: () => {} });
  const questions = Array.from({ length: count }, (_, i) => question(i + 1, count - i));
  store.applyWelcome({ type: 'welcome', session: { id: 's1', status: 'open' }, seq: 1, epoch: 'e1',
    participant: { id: 'p1' }, role: 'resident', questions, more: false });
  return { list, view, store };
}

function rendered(list) {
  return [...list.children].map((li) => ({ id: li.dataset.id, at: Number(li.getAttribute('aria-posinset')),
    of: Number(li.getAttribute('aria-setsize')) }));
}

function assertWindow(rows, total) {
  ok(rows.length > 0 && rows.length <= 60, `a bounded window, got ${rows.length} rows`);
  equal(new Set(rows.map((row) => row.id)).size, rows.length, 'each question once');
  ok(rows.every((row) => row.of === total), 'every row knows the size of the whole list');
  rows.forEach((row, i) => i > 0 && equal(row.at, rows[i - 1].at + 1, 'rows in a row'));
}

test('a short list is rendered whole, in the popular order', () => {
  const { list } = listOf(12);
  const rows = rendered(list);
  equal(rows.length, 12, 'rows');
  equal(rows[0].id, '1', 'the most upvoted first');
  equal(rows[11].at, 12, 'the last row\'s place');
});

test('a long list renders a window wherever the page is scrolled, and reaches the last question', () => {
  const { list, view } = listOf(5000);
  window.scrollTo(0, 0);
  view.render();
  let rows = rendered(list);
  assertWindow(rows, 5000);
  equal(rows[0].at, 1, 'the top of the list');

  window.scrollTo(0, document.documentElement.scrollHeight);
  view.render();
  rows = rendered(list);
  assertWindow(rows, 5000);
  equal(rows[rows.length - 1].at, 5000, 'the end of the list');
  equal(rows[rows.length - 1].id, '5000', 'the least upvoted last');

  window.scrollTo(0, document.documentElement.scrollHeight / 2);
  view.render();
  rows = rendered(list);
  assertWindow(rows, 5000);
  ok(rows.some((row) => Math.abs(row.at - 2500) < 500), `halfway: rows ${rows[0].at}–${rows[rows.length - 1].at}`);
  window.scrollTo(0, 0);
});

test('a question upvoted to the top moves into the window at the top', () => {
  const { list, store, view } = listOf(3000);
  window.scrollTo(0, 0);
  store.upsertQuestion(question(2999, 100000));
  view.order();
  const rows = rendered(list);
  assertWindow(rows, 3000);
  equal(rows[0].id, '2999', 'the most upvoted first');
});
