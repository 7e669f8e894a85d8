// The console's "Signals" panel: while it is open, it asks the server for the session's vote signals at once and
// then every REFRESH_MS, and lists them. Each signal names its questions; a question's button selects its row.
// Signals only inform (docs/protocol.md, `signals`): the moderator decides, e.g. to freeze a question's votes.

import { lang, t } from '../i18n.js';
import { el, setAttr, setHidden, setText } from './dom.js';
import { formatTime } from './question-item.js';

export const REFRESH_MS = 10_000;
const QUESTION_CHARS = 70;
const MINUTE_MS = 60_000;

export class SignalsPanel {
  /**
   * @param {object} options
   * @param {{toggle: HTMLButtonElement, panel: HTMLElement, thresholds: HTMLElement, status: HTMLElement,
   *          list: HTMLUListElement}} options.nodes
   * @param {import('../store.js').Store} options.store for the questions' texts
   * @param {(callback: (error, answer) => void) => boolean} options.request sends a `signals` request
   * @param {(questionId: string) => void} options.reveal shows a question's row
   */
  constructor({ nodes, store, request, reveal }) {
    this.nodes = nodes;
    this.store = store;
    this.request = request;
    this.reveal = reveal;
    this.report = null;
    this.state = 'loading';
    this.timer = null;
    this.waiting = false;
    nodes.toggle.addEventListener('click', () => (this.isOpen() ? this.close() : this.open()));
    nodes.list.addEventListener('click', (event) => {
      const button = event.target.closest('button[data-question]');
      if (button) this.reveal(button.dataset.question);
    });
  }

  isOpen() {
    return !this.nodes.panel.hidden;
  }

  open() {
    setHidden(this.nodes.panel, false);
    setAttr(this.nodes.toggle, 'aria-expanded', true);
    this.refresh();
    this.timer = setInterval(() => this.refresh(), REFRESH_MS);
  }

  close() {
    clearInterval(this.timer);
    this.timer = null;
    setHidden(this.nodes.panel, true);
    setAttr(this.nodes.toggle, 'aria-expanded', false);
  }

  /** Asks again unless an answer is still awaited; a request that cannot be sent now waits for the next tick. */
  refresh() {
    if (this.waiting || !this.isOpen()) return;
    const sent = this.request((error, answer) => {
      this.waiting = false;
      if (error) {
        this.state = 'failed';
      } else {
        this.state = 'ready';
        this.report = answer;
      }
      this.render();
    });
    this.waiting = sent;
    if (!sent) {
      this.state = 'failed';
      this.render();
    }
  }

  /** After a language switch. */
  relabel() {
    this.render();
  }

  render() {
    const { thresholds, status, list } = this.nodes;
    const report = this.report;
    setText(thresholds, report ? thresholdsText(report.thresholds) : '');
    setHidden(thresholds, !report);
    const items = report ? [...report.bursts.map((b) => this.burst(b)), ...report.addresses.map((a) => this.address(a))]
      : [];
    list.replaceChildren(...items);
    setHidden(list, items.length === 0);
    let line;
    if (this.state === 'failed') line = t('mod.signals.failed');
    else if (!report) line = t('mod.signals.loading');
    else if (items.length === 0) line = `${t('mod.signals.none')} ${t('mod.signals.updated', { time: clock(report.at) })}`;
    else line = t('mod.signals.updated', { time: clock(report.at) });
    setText(status, line);
    setAttr(status, 'data-state', this.state);
  }

  burst(burst) {
    const item = el('li', 'signal');
    item.dataset.kind = 'burst';
    item.dataset.question = burst.questionId;
    item.append(
      el('p', 'signal-title', t('mod.signals.burst', { votes: burst.votes })),
      el('p', 'signal-detail', t('mod.signals.burst.detail', {
        from: formatTime(burst.from), to: formatTime(burst.to), addresses: burst.addresses, total: burst.totalVotes,
      })),
      this.questionButton(burst.questionId, this.questionText(burst.questionId)),
    );
    return item;
  }

  address(shared) {
    const item = el('li', 'signal');
    item.dataset.kind = 'address';
    item.dataset.address = shared.address;
    item.append(
      el('p', 'signal-title', t('mod.signals.address', { identities: shared.identities, address: shared.address })),
      el('p', 'signal-detail', shared.questions.length
        ? t('mod.signals.address.detail', { voters: shared.voters })
        : t('mod.signals.address.none')),
    );
    if (shared.questions.length) {
      const questions = el('p', 'signal-questions');
      questions.append(...shared.questions.map((q) => this.questionButton(q.questionId,
        t('mod.signals.question.votes', { votes: q.votes }))));
      item.append(questions);
    }
    return item;
  }

  questionButton(id, label) {
    const button = el('button', 'signal-question');
    button.type = 'button';
    button.dataset.question = id;
    button.append(el('span', 'signal-question-id', `#${id}`), ' ', el('span', 'signal-question-text', label));
    setAttr(button, 'aria-label', `${t('mod.signals.show', { id })}: ${label}`);
    return button;
  }

  questionText(id) {
    const text = this.store.questions.get(id)?.text ?? '';
    const chars = Array.from(text);
    return chars.length > QUESTION_CHARS ? `${chars.slice(0, QUESTION_CHARS - 1).join('')}…` : text;
  }
}

function thresholdsText(thresholds) {
  return t('mod.signals.thresholds', {
    votes: thresholds.burstVotes,
    window: Math.round(thresholds.burstWindowMs / MINUTE_MS),
    fresh: Math.round(thresholds.freshIdentityMs / MINUTE_MS),
    identities: thresholds.identitiesPerAddress,
  });
}

function clock(ms) {
  return Number.isFinite(ms) ? new Date(ms).toLocaleTimeString(lang()) : '';
}
