// The console's dialogs (native <dialog>, so focus is trapped and restored by the browser): reject with a reason,
// answer, merge into another question, ban the author, close the session. Each one checks its input, hands it to
// its `submit` callback and closes; what the server says comes back through the board and the error banner.

import { t, tIn } from '../i18n.js';
import { isMergeTarget, compareIds } from '../moderation.js';
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

export class RejectDialog extends BaseDialog {
  /** @param sessionLocale () => the session's language: preset reasons are written for the residents */
  constructor(dialog, sessionLocale) {
    super(dialog);
    this.text = dialog.querySelector('#reject-reason-text');
    this.text.maxLength = REASON_MAX_LENGTH;
    this.sessionLocale = sessionLocale;
    this.presets = [...dialog.querySelectorAll('input[name="reject-preset"]')];
    for (const radio of this.presets) {
      radio.addEventListener('change', () => {
        if (radio.checked) this.text.value = tIn(this.sessionLocale(), `reason.${radio.value}`);
        this.showError(null);
      });
    }
    this.text.addEventListener('input', () => {
      if (this.errorKey) this.showError(null);
    });
  }

  prepare() {
    this.text.value = '';
    for (const radio of this.presets) radio.checked = false;
  }

  focusFirst() {
    this.presets[0]?.focus();
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
    return { reason };
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

export class MergeDialog extends BaseDialog {
  /** @param questions () => the store's questions (a Map) */
  constructor(dialog, questions) {
    super(dialog);
    this.questions = questions;
    this.filter = dialog.querySelector('#merge-filter');
    this.select = dialog.querySelector('#merge-target');
    this.none = dialog.querySelector('.merge-none');
    this.filter.addEventListener('input', () => this.fill());
    this.select.addEventListener('change', () => this.showError(null));
    this.select.addEventListener('dblclick', () => this.confirm());
  }

  prepare() {
    this.filter.value = '';
    this.fill();
  }

  focusFirst() {
    this.filter.focus();
  }

  // The candidates are read when the dialog opens and on each filter keystroke, not kept live.
  fill() {
    const source = this.question?.id;
    const needle = this.filter.value.trim().toLowerCase().replace(/^#/, '');
    const kept = this.select.value;
    const candidates = [...this.questions().values()]
      .filter((q) => q.id !== source && isMergeTarget(q))
      .filter((q) => !needle || q.id === needle || q.text.toLowerCase().includes(needle))
      .sort((a, b) => compareIds(a.id, b.id));
    const options = candidates.map((q) => {
      const option = el('option', null, `#${q.id} · ${t(`q.status.${q.status}`)} · ${q.votes ?? 0} · ${shorten(q.text, 90)}`);
      option.value = q.id;
      return option;
    });
    this.select.replaceChildren(...options);
    if (candidates.some((q) => q.id === kept)) this.select.value = kept;
    setText(this.none, t('mod.merge.none'));
    setHidden(this.none, candidates.length > 0);
  }

  relabel() {
    super.relabel();
    if (this.dialog.open) this.fill();
  }

  collect() {
    const into = this.select.value;
    if (!into) {
      this.showError('mod.merge.required');
      this.select.focus();
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
