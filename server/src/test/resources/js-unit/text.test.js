import { graphemeCount, normalizeQuestion } from '/app/text.js';
import { byLabel, duration, fold, matches } from '/app/record-text.js';
import { equal, ok, test } from './harness.js';

const DECOMPOSED = 'Tie\u0302\u0301ng Vie\u0323\u0302t'; // "Tiếng Việt" typed with combining marks

test('a question is trimmed and composed (NFC), as the server stores it', () => {
  equal(normalizeQuestion(`  ${DECOMPOSED}\n`), 'Tiếng Việt', 'composed');
  equal(normalizeQuestion(DECOMPOSED).length, 10, 'ten code units once composed');
});

test('length counts what a reader sees as characters', () => {
  equal(graphemeCount(DECOMPOSED), 10, 'letters with two combining marks count once');
  equal(graphemeCount('Tiếng Việt'), 10, 'composed');
  equal(graphemeCount('👨‍👩‍👧 🇻🇳'), 3, 'a family, a space, a flag');
  equal(graphemeCount(''), 0, 'empty');
});

test('folding drops case and diacritics, đ included, whether composed or not', () => {
  equal(fold('Đường Lê Lợi'), 'duong le loi', 'composed');
  equal(fold(DECOMPOSED), 'tieng viet', 'decomposed');
  equal(fold('ĐẮK LẮK, Hồ Chí Minh'), 'dak lak, ho chi minh', 'capitals');
  equal(fold(null), '', 'nothing');
});

test('a search matches every word, without diacritics, in the texts, the author or #id', () => {
  const question = { id: '42', text: 'Khi nào sửa đường Lê Lợi?', originalText: null, author: 'Chị Lan',
    rejectionReason: null, answer: { text: 'Tháng sau phường sẽ thi công.' }, edits: [{ text: 'Hẻm 42 tối quá' }] };
  ok(matches(question, 'duong le loi'), 'unaccented words');
  ok(matches(question, 'ĐƯỜNG lợi'), 'capitals and accents');
  ok(matches(question, 'chi lan thi cong'), 'author and answer');
  ok(matches(question, 'hem toi'), 'an earlier wording');
  ok(matches(question, '#42'), 'by id');
  ok(matches(question, '   '), 'an empty search matches');
  ok(!matches(question, 'duong nguyen'), 'every word must match');
  ok(!matches(question, 'le loi sai'), 'a word found nowhere');
});

test('durations and who did a step, in Vietnamese, the default language', () => {
  equal(duration(44_600), '45 giây', 'seconds, rounded');
  equal(duration(4 * 60_000 + 20_000), '4 phút', 'minutes');
  equal(duration(65 * 60_000), '1 giờ 5 phút', 'hours and minutes');
  equal(byLabel(0), 'Ban tổ chức', 'organizer');
  equal(byLabel(2), 'Điều phối viên 2', 'moderator');
  equal(byLabel(null), 'người hỏi', 'author');
});
