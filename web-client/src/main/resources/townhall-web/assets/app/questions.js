// Which questions a resident sees, and in what order.

const PUBLIC_STATUSES = new Set(['live', 'answered', 'archived']);
const OWN_ONLY_STATUSES = new Set(['pending', 'rejected']);
export const WITHDRAWABLE_STATUSES = new Set(['pending', 'live']);

/** Public questions, plus my own waiting or rejected ones; withdrawn never, merged ones only to their author. */
export function isVisible(question, mine) {
  if (question.status === 'withdrawn') return false;
  if (question.mergedInto && !mine) return false;
  return PUBLIC_STATUSES.has(question.status) || (mine && OWN_ONLY_STATUSES.has(question.status));
}

function compareIds(a, b) {
  const x = Number(a.id);
  const y = Number(b.id);
  return Number.isFinite(x) && Number.isFinite(y) ? x - y : String(a.id).localeCompare(String(b.id));
}

export const SORTS = {
  popular: (a, b) => b.votes - a.votes || a.createdAt - b.createdAt || compareIds(a, b),
  recent: (a, b) => b.createdAt - a.createdAt || compareIds(b, a),
};

export const DEFAULT_SORT = 'popular';

// --- The resident page's filters, state badge and pinned stage (issue 13) ---

/** The filters of the resident page's list. */
export const FILTERS = ['all', 'answered', 'mine'];
export const DEFAULT_FILTER = 'all';

/** Whether a question the resident may see is shown under `filter`. */
export function passesFilter(filter, question, mine) {
  if (!isVisible(question, mine)) return false;
  if (filter === 'answered') return question.status === 'answered';
  if (filter === 'mine') return mine;
  return true;
}

/**
 * What a filter asks of paging after a bounded welcome: `mine` nothing (a welcome holds every question of one's
 * own), `answered` the answered questions alone (`page` with that status), `all` every question.
 */
export function pagingFor(filter) {
  if (filter === 'mine') return { pages: false, status: null };
  return { pages: true, status: filter === 'answered' ? 'answered' : null };
}

const STATE_BADGES = new Set(['pending', 'rejected', 'answered', 'archived']);

/**
 * The one state a question's badge shows: on stage ("being answered") before its status, so a question answered
 * on stage is never shown as both; one's own question still pending when the session closed was never reviewed.
 * Null when the status needs no badge (live).
 */
export function stateBadge(question, { onStage = false, mine = false, sessionStatus = 'open' } = {}) {
  if (onStage) return 'onstage';
  if (mine && question.status === 'pending' && sessionStatus === 'closed') return 'not_reviewed';
  return STATE_BADGES.has(question.status) ? question.status : null;
}

/** The list's order: the question on stage first (pinned at the top), then the sort's order. */
export function compareWithStage(compare, stageId) {
  return (a, b) => (b.id === stageId) - (a.id === stageId) || compare(a, b);
}
