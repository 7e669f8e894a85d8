// The console's dialogs (native <dialog>, so focus is trapped and restored by the browser): reject with a category
// and a reason, withhold a text from the public record, answer, merge into another question, ban the author, close
// the session. Each one checks its input, hands it to its `submit` callback and closes; what the server says comes
// back through the board and the error banner.

import { t, tIn } from '../i18n.js';
import { compareIds, isMergeTarget, matchesSearch, searchWords } from '../moderation.js';
import { ANSWER_MAX_LENGTH, REASON_MAX_LENGTH } from '../protocol.js';
import { graphemeCount } from '../text.js';
import { el, setHidden, setText } from './dom.js';

const QUOTE_CHARS = 120;

function shorten(text, max = QUOTE_CHARS) {
  const chars = [...text.replace(/\s+/g, ' ')];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
}

class BaseDialog {
  constructor(dialog) {
    this.dialog = dialog;
    this.quote = dialog.querySelector('.dialog-quote');
    this.error = dialog.querySelector('.dialog-error');
    this.errorKey = null;
    this.errorParams = {};
    this.submitFn = null;
    this.question = null;
    for (const button of dialog.querySelectorAll('[data-close]')) button.addEventListener('click', () => this.close());
    dialog.querySelector('.dialog-confirm').addEventListener('click', () => this.confirm());
    dialog.addEventListener('close', () => {
      this.submitFn = null;
    });
  }

  /** @param question the question acted on (null for session dialogs); submit receives the dialog's values */
  open(question, submit) {
    this.question = question;
    this.submitFn = submit;
    this.showError(null);
    if (this.quote) {
      setText(this.quote, question ? `#${question.id} · ${shorten(question.text)}` : '');
      this.quote.lang = '';
    }
    this.prepare(question);
    if (!this.dialog.open) this.dialog.showModal();
    this.focusFirst();
  }

  close() {
    if (this.dialog.open) this.dialog.close();
  }

  showError(key, params = {}) {
    this.errorKey = key;
    this.errorParams = params;
    if (!this.error) return;
    setText(this.error, key ? t(key, params) : '');
    setHidden(this.error, !key);
  }

  relabel() {
    this.showError(this.errorKey, this.errorParams);
  }

  confirm() {
    const values = this.collect();
    if (!values || !this.submitFn) return;
    const submit = this.submitFn;
    this.close();
    submit(values);
  }

  prepare() {}

  focusFirst() {
    this.dialog.querySelector('.dialog-confirm').focus();
  }

  collect() {
    return {};
  }
}

/** The preset reason a category fills in, in the session's language (what the asker will read). */
const CATEGORY_REASONS = {
  off_topic: 'reason.offtopic', duplicate: 'reason.duplicate', abusive: 'reason.offensive', spam: 'reason.spam',
  personal_data: 'reason.personal',
};

/** Categories whose reason the public record shows (docs/record.md): the others keep it private. */
const PUBLIC_REASONS = new Set(['off_topic', 'duplicate']);

export class RejectDialog extends BaseDialog {
  /** @param sessionLocale () => the session's language: preset reasons are written for the residents */
  constructor(dialog, sessionLocale) {
    super(dialog);
    this.text = dialog.querySelector('#reject-reason-text');
    this.text.maxLength = REASON_MAX_LENGTH;
    this.publicNote = dialog.querySelector('#reject-public');
    this.sessionLocale = sessionLocale;
    this.categories = [...dialog.querySelectorAll('input[name="reject-category"]')];
    this.filled = '';
    for (const radio of this.categories) {
      radio.addEventListener('change', () => {
        if (!radio.checked) return;
        // a preset replaces only what another preset wrote, never what the moderator typed
        const preset = CATEGORY_REASONS[radio.value] ? tIn(this.sessionLocale(), CATEGORY_REASONS[radio.value]) : '';
        if (!this.text.value.trim() || this.text.value === this.filled) {
          this.text.value = preset;
          this.filled = preset;
        }
        this.describe();
        this.showError(null);
      });
    }
    this.text.addEventListener('input', () => {
      if (this.errorKey) this.showError(null);
    });
  }

  category() {
    return this.categories.find((radio) => radio.checked)?.value ?? 'other';
  }

  describe() {
    const category = this.category();
    const key = ['abusive', 'spam', 'personal_data'].includes(category) ? 'mod.reject.public.withheld'
      : PUBLIC_REASONS.has(category) ? 'mod.reject.public.reason' : 'mod.reject.public.private';
    setText(this.publicNote, t(key));
  }

  prepare() {
    this.text.value = '';
    this.filled = '';
    for (const radio of this.categories) radio.checked = radio.value === 'other';
    this.describe();
  }

  relabel() {
    super.relabel();
    this.describe();
  }

  focusFirst() {
    this.categories[0]?.focus();
  }

  collect() {
    const reason = this.text.value.trim().normalize('NFC');
    if (!reason) {
      this.showError('mod.reject.required');
      this.text.focus();
      return null;
    }
    if (graphemeCount(reason) > REASON_MAX_LENGTH) {
      this.showError('mod.reject.too_long', { max: REASON_MAX_LENGTH });
      this.text.focus();
      return null;
    }
    return { reason, category: this.category() };
  }
}

/** Withholding a shown question's text from the public record, with a category and a private note. */
export class WithholdDialog extends BaseDialog {
  constructor(dialog) {
    super(dialog);
    this.text = dialog.querySelector('#withhold-reason');
    this.text.maxLength = REASON_MAX_LENGTH;
    this.categories = [...dialog.querySelectorAll('input[name="withhold-category"]')];
  }

  prepare() {
    this.text.value = '';
    for (const radio of this.categories) radio.checked = radio.value === 'personal_data';
  }

  focusFirst() {
    this.categories.find((radio) => radio.checked)?.focus();
  }

  collect() {
    const reason = this.text.value.trim().normalize('NFC');
    if (graphemeCount(reason) > REASON_MAX_LENGTH) {
      this.showError('mod.reject.too_long', { max: REASON_MAX_LENGTH });
      this.text.focus();
      return null;
    }
    const category = this.categories.find((radio) => radio.checked)?.value ?? 'other';
    return reason ? { category, reason } : { category };
  }
}

export class AnswerDialog extends BaseDialog {
  constructor(dialog) {
    super(dialog);
    this.text = dialog.querySelector('#answer-text');
    this.text.maxLength = ANSWER_MAX_LENGTH;
  }

  prepare(question) {
    this.text.value = question?.answer?.text ?? '';
  }

  focusFirst() {
    this.text.focus();
  }

  collect() {
    const text = this.text.value.trim().normalize('NFC');
    if (graphemeCount(text) > ANSWER_MAX_LENGTH) {
      this.showError('mod.answer.too_long', { max: ANSWER_MAX_LENGTH });
      return null;
    }
    return { text };
  }
}

const MERGE_CHOICES_MAX = 200;

export class MergeDialog extends BaseDialog {
  /**
   * @param questions () => the store's questions (a Map)
   * @param findSimilar (text) => Promise<{similar: [{id}]}>: the likely duplicates of the merged question (GET
   *   /api/sessions/{id}/similar), listed first with the best one chosen, so "m" then Enter merges into it
   */
  constructor(dialog, questions, findSimilar = null) {
    super(dialog);
    this.questions = questions;
    this.findSimilar = findSimilar;
    this.likely = [];
    this.filter = dialog.querySelector('#merge-filter');
    this.choices = dialog.querySelector('#merge-target');
    this.none = dialog.querySelector('.merge-none');
    this.chosen = null;
    this.filter.addEventListener('input', () => this.fill());
    this.choices.addEventListener('change', (event) => {
      this.chosen = event.target.value;
      this.showError(null);
    });
    this.choices.addEventListener('dblclick', (event) => {
      if (event.target.closest('label')) this.confirm();
    });
    this.filter.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.isComposing) {
        event.preventDefault();
        this.confirm();
      }
    });
  }

  prepare(question) {
    this.filter.value = '';
    this.chosen = null;
    this.likely = [];
    this.fill();
    if (!this.findSimilar || !question) return;
    const asked = question.id;
    this.findSimilar(question.text).then((answer) => {
      if (!this.dialog.open || this.question?.id !== asked) return;
      this.likely = (answer?.similar ?? []).map((found) => found.id)
        .filter((id) => id !== asked && this.questions().get(id) && isMergeTarget(this.questions().get(id)));
      if (this.likely.length === 0) return;
      // the best one is chosen unless the moderator already chose or is searching
      if (!this.chosen && !this.filter.value) this.chosen = this.likely[0];
      this.fill();
    }).catch(() => {
      // not reachable now: the picker works as before, without likely duplicates
    });
  }

  focusFirst() {
    this.filter.focus();
  }

  // The candidates, whole texts, are read when the dialog opens and on each filter keystroke, not kept live; the
  // filter ignores case and diacritics, and "#12" finds question 12.
  fill() {
    const source = this.question?.id;
    const words = searchWords(this.filter.value);
    const candidates = [...this.questions().values()]
      .filter((q) => q.id !== source && isMergeTarget(q) && matchesSearch(q, words))
      .sort((a, b) => this.likelyRank(a.id) - this.likelyRank(b.id) || compareIds(a.id, b.id));
    const shown = candidates.slice(0, MERGE_CHOICES_MAX);
    this.choices.replaceChildren(...shown.map((q) => {
      const likely = this.likely.includes(q.id);
      const label = el('label', likely ? 'merge-choice is-likely' : 'merge-choice');
      const radio = el('input');
      radio.type = 'radio';
      radio.name = 'merge-target';
      radio.value = q.id;
      radio.checked = q.id === this.chosen;
      const head = el('span', 'merge-choice-head',
        `#${q.id} · ${t(`q.status.${q.status}`)} · ${t('mod.merge.votes', { votes: q.votes ?? 0 })}`
          + (likely ? ` · ${t('mod.merge.likely')}` : ''));
      const text = el('span', 'merge-choice-text', q.text);
      text.lang = '';
      const body = el('span', 'merge-choice-body');
      body.append(head, text);
      label.append(radio, body);
      return label;
    }));
    if (!shown.some((q) => q.id === this.chosen)) this.chosen = null;
    const more = candidates.length - shown.length;
    setText(this.none, candidates.length === 0 ? t('mod.merge.none') : t('mod.merge.more', { count: more }));
    setHidden(this.none, candidates.length > 0 && more === 0);
  }

  /** Likely duplicates first, the most similar first; then the others. */
  likelyRank(id) {
    const rank = this.likely.indexOf(id);
    return rank < 0 ? this.likely.length : rank;
  }

  relabel() {
    super.relabel();
    if (this.dialog.open) this.fill();
  }

  collect() {
    const into = this.chosen;
    if (!into) {
      this.showError('mod.merge.required');
      (this.choices.querySelector('input') ?? this.filter).focus();
      return null;
    }
    return { into };
  }
}

export class BanDialog extends BaseDialog {
  constructor(dialog) {
    super(dialog);
    this.body = dialog.querySelector('.ban-body');
  }

  prepare(question) {
    setText(this.body, t('mod.ban.body', { tag: question?.authorTag || t('mod.ban.notag') }));
  }

  relabel() {
    super.relabel();
    if (this.dialog.open) this.prepare(this.question);
  }
}

/** A plain "are you sure" (closing the session). */
export class ConfirmDialog extends BaseDialog {}
