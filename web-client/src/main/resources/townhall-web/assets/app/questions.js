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
