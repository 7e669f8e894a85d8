import { formatDue, latestStep, rememberAgencies, stepText } from '/app/follow-up-text.js';
import { lang, loadLanguage, toggleLang } from '/app/i18n.js';
import { canFollowUp } from '/app/views/mod-follow-up.js';
import { equal, eventually, ok, test } from './harness.js';

const REFERRED = { at: 1795000050000, step: 'referred', role: 'moderator', agency: 'p-tnmt-a', due: '2027-12-20' };

test('the latest step is the last of the question\'s followUp, none without steps', () => {
  equal(latestStep({ followUp: [{ step: 'noted' }, REFERRED] }), REFERRED, 'the last one');
  equal(latestStep({ followUp: [] }), null, 'no steps');
  equal(latestStep({}), null, 'no field');
  equal(latestStep(null), null, 'no question');
});

test('a step reads as one line, the agency by its name once known, the due date short', async () => {
  await loadLanguage('vi');
  await loadLanguage('en');
  if (lang() !== 'vi') toggleLang();
  await eventually(() => lang() === 'vi', 'Vietnamese');
  rememberAgencies([{ slug: 'p-tnmt-a', name: 'Phòng TN-MT' }]);
  equal(formatDue('2027-12-20'), '20/12', 'Vietnamese day/month');
  equal(stepText(REFERRED), 'Chuyển Phòng TN-MT · hạn 20/12');
  equal(stepText({ step: 'noted' }), 'Ghi nhận để xem xét', 'no agency, no due date');
  toggleLang();
  await eventually(() => lang() === 'en', 'English');
  equal(formatDue('2027-12-20'), '20 Dec', 'English day and month');
  equal(stepText(REFERRED), 'Referred to Phòng TN-MT · due 20 Dec');
  equal(formatDue('20/12/2027'), '', 'not a date');
  toggleLang();
  await eventually(() => lang() === 'vi', 'Vietnamese again');
});

test('a step is offered for questions residents saw, not merged', () => {
  ok(canFollowUp({ status: 'live' }), 'live');
  ok(canFollowUp({ status: 'answered' }), 'answered');
  ok(canFollowUp({ status: 'archived' }), 'archived');
  ok(!canFollowUp({ status: 'archived', mergedInto: '3' }), 'merged');
  ok(!canFollowUp({ status: 'pending' }), 'pending');
  ok(!canFollowUp({ status: 'rejected' }), 'rejected');
  ok(!canFollowUp({ status: 'withdrawn' }), 'withdrawn');
});
