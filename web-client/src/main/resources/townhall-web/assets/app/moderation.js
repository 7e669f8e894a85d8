// What a moderator may do with a question in each state (docs/protocol.md, the `moderate` table), and which tab
// of the console shows it. The server has the last word: an action that no longer applies answers `conflict`.

import { fold, hasEveryWord, searchWords } from './text.js';

/** The console's tabs, in order; each question status belongs to exactly one (withdrawn ones sit with archived). */
export const TABS = ['pending', 'live', 'answered', 'archived', 'rejected'];

const TAB_OF_STATUS = {
  pending: 'pending',
  live: 'live',
  answered: 'answered',
  archived: 'archived',
  withdrawn: 'archived',
  rejected: 'rejected',
};

export function tabOf(question) {
  return TAB_OF_STATUS[question.status] ?? null;
}

/** The row's buttons, in the order they are shown. */
export const ACTIONS = [
  'approve', 'reject', 'highlight', 'unhighlight', 'answer', 'edit', 'merge', 'archive', 'restore', 'freeze',
  'unfreeze', 'withhold', 'unwithhold', 'publishName', 'ban', 'followUp',
];

/**
 * Why a question is rejected or its text withheld (docs/protocol.md, `moderate`): the texts of those rejected as
 * abusive, spam or personal data are withheld from the public record.
 */
export const CATEGORIES = ['off_topic', 'duplicate', 'abusive', 'spam', 'personal_data', 'other'];

/** The categories a shown question's text may be withheld for (its text was fine for the hall, not for the record). */
export const WITHHOLD_CATEGORIES = ['personal_data', 'abusive', 'spam', 'other'];

/** The one action a tab's rows show as a button; the others are in the row's menu and on keys. */
const PRIMARY = {
  pending: ['approve'],
  live: ['unhighlight', 'highlight'],
  answered: ['unhighlight', 'highlight'],
  archived: ['restore'],
  rejected: ['restore'],
};

/** The row's primary action in its tab (the first of the tab's that applies), or null. */
export function primaryAction(question, onStage) {
  const tab = tabOf(question);
  return (PRIMARY[tab] ?? []).find((action) => RULES[action](question, onStage)) ?? null;
}

const RULES = {
  approve: (q) => q.status === 'pending',
  reject: (q) => q.status === 'pending' || q.status === 'live',
  highlight: (q, onStage) => !onStage && (q.status === 'live' || q.status === 'answered'),
  unhighlight: (q, onStage) => onStage,
  answer: (q) => ['pending', 'live', 'answered', 'archived'].includes(q.status) && !q.mergedInto,
  edit: (q) => q.status !== 'withdrawn',
  merge: (q) => !['rejected', 'withdrawn'].includes(q.status) && !q.mergedInto,
  archive: (q) => q.status === 'live' || q.status === 'answered',
  restore: (q) => (q.status === 'archived' && !q.mergedInto) || q.status === 'rejected',
  // freezing the votes of a question nobody can vote on any more would only clutter the row
  freeze: (q) => !q.frozen && ['pending', 'live', 'answered'].includes(q.status) && !q.mergedInto,
  unfreeze: (q) => q.frozen === true,
  withhold: (q) => ['live', 'answered', 'archived'].includes(q.status) && !q.withheld,
  unwithhold: (q) => Boolean(q.withheld),
  // a clerk's entry: the person's name is private until a moderator makes it public
  publishName: (q) => Boolean(q.speaker) && !q.namePublic,
  ban: () => true,
  // a step of the question's follow-up (issue 16): a question residents saw, not merged
  followUp: (q) => ['live', 'answered', 'archived'].includes(q.status) && !q.mergedInto,
};

/** The content flags a moderator may see on a question, in the server's order; each has a badge. */
export const FLAGS = ['profanity', 'spam', 'link', 'repeat'];

/**
 * The question's text cut into parts, those the content rules matched marked with their flag: [{text, flag}].
 * Ranges that do not fit the text (it changed meanwhile) are ignored.
 */
export function markedParts(question) {
  const text = question.text ?? '';
  const matches = (Array.isArray(question.flagMatches) ? question.flagMatches : [])
    .filter((m) => Number.isInteger(m.start) && Number.isInteger(m.end) && m.start >= 0 && m.end <= text.length
      && m.start < m.end)
    .sort((a, b) => a.start - b.start);
  const parts = [];
  let at = 0;
  for (const match of matches) {
    if (match.start < at) continue;
    if (match.start > at) parts.push({ text: text.slice(at, match.start), flag: null });
    parts.push({ text: text.slice(match.start, match.end), flag: match.flag });
    at = match.end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), flag: null });
  return parts;
}

export function canDo(action, question, onStage) {
  return Boolean(question && RULES[action]?.(question, onStage));
}

export function actionsFor(question, onStage) {
  return ACTIONS.filter((action) => RULES[action](question, onStage));
}

/** Questions another one may be merged into: open (pending, live, answered) and not merged themselves. */
export function isMergeTarget(question) {
  return ['pending', 'live', 'answered'].includes(question.status) && !question.mergedInto;
}

/** Every tab lists its questions in the order they were asked (ids break ties). */
export function byAsked(a, b) {
  return (a.createdAt ?? 0) - (b.createdAt ?? 0) || compareIds(a.id, b.id);
}

/** The live tab may also be sorted by votes (most first), as the stage's "next" list is. */
export function byVotes(a, b) {
  return (b.votes ?? 0) - (a.votes ?? 0) || byAsked(a, b);
}

export function compareIds(x, y) {
  const a = Number(x);
  const b = Number(y);
  return Number.isFinite(a) && Number.isFinite(b) ? a - b : String(x).localeCompare(String(y));
}

/**
 * The console's search: every word of `query`, without case or diacritics, in the question's text, its author's
 * name or tag, its rejection reason or its answer; "#12" finds question 12. An empty search matches everything.
 */
export function matchesSearch(question, words) {
  if (words.length === 0) return true;
  const haystack = searchHaystack(question);
  return hasEveryWord(haystack, words);
}

export { searchWords };

const haystacks = new WeakMap();

// The folded text of a question object; the store replaces the object when the question changes, so it is folded
// once per version however often the moderator types.
function searchHaystack(question) {
  let folded = haystacks.get(question);
  if (folded === undefined) {
    folded = fold([`#${question.id}`, question.text, question.author, question.authorTag, question.reason,
      question.answer?.text].filter(Boolean).join('\n'));
    haystacks.set(question, folded);
  }
  return folded;
}
