// The moderator console's pure logic: the search that ignores case and diacritics, the window of rows a long list
// renders, and which action a tab shows as its primary button.
import { CATEGORIES, actionsFor, matchesSearch, primaryAction, searchWords } from '/app/moderation.js';
import { fold } from '/app/text.js';
import { rowAt, rowTop, scrollToShow, totalHeight, visibleRange } from '/app/virtual-window.js';
import { deepEqual, equal, ok, test } from './harness.js';

const DECOMPOSED = 'Đe\u0300n đươ\u0300ng'; // "Đèn đường" typed with combining marks

function question(fields = {}) {
  return { id: '42', text: 'Khi nào sửa đèn đường ở hẻm 42?', author: 'Chị Lan', authorTag: 'Ab3xQ9',
    status: 'pending', votes: 0, createdAt: 1, ...fields };
}

test('folding drops case and diacritics, đ included, composed or not', () => {
  equal(fold('ĐÈN ĐƯỜNG'), 'den duong', 'capitals');
  equal(fold(DECOMPOSED), 'den duong', 'combining marks');
});

test('a console search finds a question by any of its words without diacritics', () => {
  const q = question();
  ok(matchesSearch(q, searchWords('den duong')), 'unaccented');
  ok(matchesSearch(q, searchWords('ĐÈN   hẻm')), 'accents and capitals, words in any order');
  ok(matchesSearch(q, searchWords(DECOMPOSED)), 'a decomposed search');
  ok(matchesSearch(q, searchWords('chi lan')), 'the author');
  ok(matchesSearch(q, searchWords('ab3xq9')), 'the author tag');
  ok(matchesSearch(q, searchWords('#42')), 'by number');
  ok(matchesSearch(q, searchWords('')), 'an empty search matches');
  ok(!matchesSearch(q, searchWords('den ho')), 'every word must be found');
  ok(matchesSearch(question({ status: 'rejected', reason: 'Trùng lặp' }), searchWords('trung lap')), 'a reason');
});

test('a search sees an edited text, not the one it folded before', () => {
  const before = question();
  ok(matchesSearch(before, searchWords('hem')), 'before');
  const after = { ...before, text: 'Khi nào sửa cống?' };
  ok(!matchesSearch(after, searchWords('hem')), 'after the edit');
  ok(matchesSearch(after, searchWords('cong')), 'the new words');
});

test('each tab has one primary action', () => {
  equal(primaryAction(question(), false), 'approve', 'pending');
  equal(primaryAction(question({ status: 'live' }), false), 'highlight', 'live');
  equal(primaryAction(question({ status: 'live' }), true), 'unhighlight', 'live, on stage');
  equal(primaryAction(question({ status: 'rejected' }), false), 'restore', 'rejected');
  equal(primaryAction(question({ status: 'withdrawn' }), false), null, 'withdrawn: nothing to restore');
});

test('withholding applies to shown questions, once, and can be taken back', () => {
  ok(actionsFor(question({ status: 'live' }), false).includes('withhold'), 'live');
  ok(!actionsFor(question(), false).includes('withhold'), 'not pending');
  const withheld = question({ status: 'answered', withheld: { category: 'personal_data' } });
  ok(!actionsFor(withheld, false).includes('withhold'), 'not twice');
  ok(actionsFor(withheld, false).includes('unwithhold'), 'taken back');
  deepEqual(CATEGORIES, ['off_topic', 'duplicate', 'abusive', 'spam', 'personal_data', 'other'], 'the wire names');
});

test('a list of rows of one height renders what is on screen and a few more', () => {
  const layout = { count: 10_000, rowHeight: 40, tall: null };
  equal(totalHeight(layout), 400_000, 'as tall as every row');
  deepEqual(visibleRange({ scrollTop: 0, viewportHeight: 400, overscan: 2, ...layout }), { start: 0, end: 12 }, 'top');
  deepEqual(visibleRange({ scrollTop: 4000, viewportHeight: 400, overscan: 2, ...layout }), { start: 98, end: 112 },
    'scrolled');
  deepEqual(visibleRange({ scrollTop: 399_600, viewportHeight: 400, overscan: 2, ...layout }),
    { start: 9988, end: 10_000 }, 'the end');
  deepEqual(visibleRange({ scrollTop: 0, viewportHeight: 400, ...layout, count: 0 }), { start: 0, end: 0 }, 'empty');
  deepEqual(visibleRange({ scrollTop: 0, viewportHeight: 400, overscan: 2, ...layout, count: 3 }), { start: 0, end: 3 },
    'fewer rows than room');
});

test('one taller row pushes the rows after it down', () => {
  const layout = { count: 100, rowHeight: 40, tall: { index: 5, height: 120 } };
  equal(rowTop(5, layout), 200, 'the tall row where it would be');
  equal(rowTop(6, layout), 320, 'the next one after its whole height');
  equal(totalHeight(layout), 4080, 'the list grows by the difference');
  equal(rowAt(250, layout), 5, 'inside the tall row');
  equal(rowAt(320, layout), 6, 'just after it');
  equal(rowAt(199, layout), 4, 'just before it');
  equal(rowAt(1e9, layout), 99, 'clamped to the last');
});

test('showing a row scrolls as little as possible', () => {
  const layout = { count: 100, rowHeight: 40, tall: null };
  equal(scrollToShow(3, { scrollTop: 0, viewportHeight: 400, ...layout }), 0, 'already on screen');
  equal(scrollToShow(10, { scrollTop: 0, viewportHeight: 400, ...layout }), 40, 'just below: its bottom at the edge');
  equal(scrollToShow(2, { scrollTop: 200, viewportHeight: 400, ...layout }), 80, 'above: its top at the edge');
  equal(scrollToShow(99, { scrollTop: 0, viewportHeight: 400, ...layout }), 3600, 'the last row');
  const tall = { count: 100, rowHeight: 40, tall: { index: 10, height: 600 } };
  equal(scrollToShow(10, { scrollTop: 0, viewportHeight: 400, ...tall }), 400, 'taller than the screen: its top');
});
