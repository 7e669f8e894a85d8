// What a screen reader is told on the resident page and the stage screens, politely (a role=status region) and
// without moving focus: the question put on stage, new answers, and (to its author) what became of one's own
// question. Nothing else: votes, presence and new questions change far too often to be read out. Changes that come
// close together make one announcement (after QUIET_MS of calm, or MAX_WAIT_MS after the first at the latest); of
// several stage changes only the last is said. What a snapshot (the page's first load, a full resync) already holds
// is never announced: only what changes while the reader is there.

import { t } from '../i18n.js';

const QUIET_MS = 1500;
const MAX_WAIT_MS = 5000;
const QUOTE_CHARS = 140;

function quote(text) {
  const chars = [...String(text ?? '').replace(/\s+/g, ' ').trim()];
  return chars.length > QUOTE_CHARS ? `${chars.slice(0, QUOTE_CHARS - 1).join('')}…` : chars.join('');
}

export class Announcements {
  /**
   * @param {HTMLElement} region a visually hidden role=status element
   * @param {import('../store.js').Store} store
   * @param {{answers?: boolean, mine?: boolean}} [what] which changes besides the stage are announced
   */
  constructor(region, store, { answers = true, mine = true } = {}) {
    this.region = region;
    this.store = store;
    this.what = { answers, mine };
    this.answered = new Set();
    this.mineStatus = new Map();
    this.stageId = null;
    this.clearPending();
    this.timer = null;
    this.firstAt = 0;
    this.baseline();
    store.subscribe((change) => this.changed(change));
  }

  clearPending() {
    this.pending = { stage: undefined, answers: [], mine: [] };
  }

  /** What is known now is not news. */
  baseline() {
    this.answered = new Set();
    this.mineStatus = new Map();
    for (const question of this.store.questions.values()) {
      if (question.status === 'answered') this.answered.add(question.id);
      if (this.store.isMine(question.id)) this.mineStatus.set(question.id, question.status);
    }
    this.stageId = this.store.stage;
  }

  changed(change) {
    if (change.kind === 'reset') {
      this.baseline();
      return;
    }
    if (change.kind === 'stage') {
      if (this.store.stage === this.stageId) return;
      this.stageId = this.store.stage;
      this.pending.stage = this.stageId;
      this.schedule();
    } else if (change.kind === 'question') {
      this.questionChanged(this.store.questions.get(change.id));
    }
  }

  questionChanged(question) {
    if (!question) return;
    if (this.what.answers && question.status === 'answered' && !this.answered.has(question.id)) {
      this.answered.add(question.id);
      this.pending.answers.push(question.id);
      this.schedule();
    }
    if (this.what.mine && this.store.isMine(question.id)) {
      const before = this.mineStatus.get(question.id);
      this.mineStatus.set(question.id, question.status);
      if (before === 'pending' && (question.status === 'live' || question.status === 'rejected')) {
        this.pending.mine.push(question.id);
        this.schedule();
      }
    }
  }

  schedule() {
    if (!this.timer) this.firstAt = Date.now();
    clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(QUIET_MS, this.firstAt + MAX_WAIT_MS - Date.now()));
    this.timer = setTimeout(() => this.flush(), wait);
  }

  flush() {
    this.timer = null;
    const { stage, answers, mine } = this.pending;
    this.clearPending();
    const parts = [];
    const question = (id) => this.store.questions.get(id);
    if (stage !== undefined && stage !== null && question(stage)) {
      parts.push(t('announce.stage', { text: quote(question(stage).text) }));
    }
    const answered = answers.filter((id) => question(id)?.status === 'answered');
    if (answered.length === 1) {
      parts.push(t('announce.answer.one', { text: quote(question(answered[0]).text) }));
    } else if (answered.length > 1) {
      parts.push(t('announce.answer.many', { n: answered.length }));
    }
    for (const id of mine) {
      const q = question(id);
      if (q?.status === 'live') parts.push(t('announce.mine.live'));
      if (q?.status === 'rejected') parts.push(t('announce.mine.rejected', { reason: q.reason ?? '' }).trim());
    }
    if (parts.length) this.say(parts.join(' '));
  }

  say(text) {
    // A changed text node is what live regions announce; clearing first makes a repeat of the same words count.
    this.region.textContent = '';
    setTimeout(() => {
      this.region.textContent = text;
    }, 50);
  }
}
