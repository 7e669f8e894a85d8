// The console's follow-up form (issue 16, `moderate` `followUp`): from a question's row menu or the key p, a
// compact dialog with the step, the agency (the session organization's agencies for `referred`, those of the
// organizations above for `referredUp`, from GET /api/sessions/{id}/agencies), the due date and a public note. It
// stays open until the server answers, and says why when it refuses. The row shows the question's latest step
// (followUpBadge).

import { t } from '../i18n.js';
import { latestStep, rememberAgencies, showStep } from '../follow-up-text.js';
import { el, optionalPart, setAttr, setHidden, setText } from './dom.js';

/** The steps, in the order the form offers them (docs/protocol.md, `followUp`). */
export const STEPS = ['referred', 'referredUp', 'promised', 'noted', 'outOfRemit'];
const NEEDS_AGENCY = new Set(['referred', 'referredUp']);
const NEEDS_DUE = new Set(['referred', 'referredUp', 'promised']);
const NOTE_MAX_LENGTH = 500;
/** The questions a step may be taken on (the server answers `conflict` for the others). */
const FOLLOWED_STATUSES = new Set(['live', 'answered', 'archived']);

/** Whether a follow-up step may be taken on the question. */
export function canFollowUp(question) {
  return Boolean(question) && FOLLOWED_STATUSES.has(question.status) && !question.mergedInto;
}

/** The row's badge with the question's latest follow-up step ("Chuyển Phòng TN-MT · hạn 20/12"), if any. */
export function followUpBadge(row, question) {
  const step = latestStep(question);
  const node = optionalPart(row.parts, 'followUp', step !== null, () => el('span', 'mq-followup'), row.head);
  if (node) {
    showStep(node, step);
    setAttr(node, 'title', t('followup.badge.hint'));
  }
}

function field(labelKey, control, id) {
  const box = el('div', 'followup-field');
  const label = el('label', 'field-label');
  label.htmlFor = id;
  label.dataset.key = labelKey;
  control.id = id;
  box.append(label, control);
  return { box, label, control };
}

export class FollowUpDialog {
  /** @param load () => Promise of the session's agencies ({agencies, above}) */
  constructor(load) {
    this.load = load;
    this.agencies = null;
    this.question = null;
    this.submitFn = null;
    this.errorKey = null;
    this.errorParams = {};
    this.pending = false;
    this.dialog = el('dialog', 'mod-dialog followup-dialog');
    this.dialog.id = 'followup-dialog';
    this.title = el('h2', 'card-title');
    this.title.id = 'followup-title';
    this.dialog.setAttribute('aria-labelledby', this.title.id);
    this.quote = el('p', 'dialog-quote');
    this.step = field('followup.step', el('select'), 'followup-step');
    this.agency = field('followup.agency', el('select'), 'followup-agency');
    this.agencyNone = el('p', 'hint followup-agency-none');
    this.agencyNone.id = 'followup-agency-none';
    this.agency.box.append(this.agencyNone);
    const due = el('input');
    due.type = 'date';
    this.due = field('followup.due', due, 'followup-due');
    const note = el('textarea');
    note.rows = 3;
    note.maxLength = NOTE_MAX_LENGTH;
    note.lang = '';
    this.note = field('followup.note', note, 'followup-note');
    this.error = el('p', 'field-error dialog-error');
    this.error.id = 'followup-error';
    this.error.setAttribute('role', 'alert');
    this.error.hidden = true;
    for (const part of [this.step, this.agency, this.due, this.note]) {
      part.control.setAttribute('aria-describedby', this.error.id);
    }
    const buttons = el('div', 'dialog-buttons');
    this.cancel = el('button', 'button');
    this.cancel.type = 'button';
    this.confirmButton = el('button', 'button primary dialog-confirm');
    this.confirmButton.type = 'button';
    this.confirmButton.id = 'followup-confirm';
    buttons.append(this.cancel, this.confirmButton);
    this.dialog.append(this.title, this.quote, this.step.box, this.agency.box, this.due.box, this.note.box,
      this.error, buttons);
    document.body.append(this.dialog);

    this.step.control.replaceChildren(...STEPS.map((step) => {
      const option = el('option');
      option.value = step;
      return option;
    }));
    this.cancel.addEventListener('click', () => this.close());
    this.confirmButton.addEventListener('click', () => this.confirm());
    this.step.control.addEventListener('change', () => {
      this.showError(null);
      this.shape();
    });
    for (const part of [this.agency, this.due, this.note]) {
      part.control.addEventListener('input', () => this.showError(null));
    }
    // Enter in a one-line field takes the step, as a form would
    this.dialog.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && event.target.tagName !== 'TEXTAREA' && event.target.tagName !== 'BUTTON') {
        event.preventDefault();
        this.confirm();
      }
    });
    this.dialog.addEventListener('close', () => {
      this.submitFn = null;
      this.pending = false;
    });
    this.relabel();
  }

  /** @param submit (fields) => Promise that settles with the server's answer */
  open(question, submit) {
    this.question = question;
    this.submitFn = submit;
    this.pending = false;
    this.showError(null);
    setText(this.quote, `#${question.id} · ${[...question.text.replace(/\s+/g, ' ')].slice(0, 120).join('')}`);
    this.quote.lang = '';
    this.step.control.value = 'referred';
    this.due.control.value = '';
    this.note.control.value = '';
    this.shape();
    if (!this.dialog.open) this.dialog.showModal();
    this.step.control.focus();
    if (!this.agencies) {
      this.load().then((agencies) => {
        this.agencies = { agencies: agencies?.agencies ?? [], above: agencies?.above ?? [] };
        rememberAgencies([...this.agencies.agencies, ...this.agencies.above]);
        this.shape();
      }).catch(() => this.showError('followup.error.agencies'));
    }
  }

  close() {
    if (this.dialog.open) this.dialog.close();
  }

  /** Shows only the fields the chosen step takes, and the agencies it may go to. */
  shape() {
    const step = this.step.control.value;
    setHidden(this.agency.box, !NEEDS_AGENCY.has(step));
    setHidden(this.due.box, !NEEDS_DUE.has(step));
    const choices = !this.agencies ? [] : step === 'referredUp' ? this.agencies.above : this.agencies.agencies;
    const key = `${step}:${choices.map((a) => a.slug).join(',')}`;
    if (this.agency.control.dataset.key !== key) {
      this.agency.control.dataset.key = key;
      const previous = this.agency.control.value;
      this.agency.control.replaceChildren(...choices.map((agency) => {
        const option = el('option', '', agency.organization ? `${agency.name} — ${agency.organization.name}`
          : agency.name);
        option.value = agency.slug;
        return option;
      }));
      if (choices.some((a) => a.slug === previous)) this.agency.control.value = previous;
    }
    setHidden(this.agencyNone, choices.length > 0);
    setText(this.agencyNone, this.agencies ? t('followup.agency.none') : t('followup.agency.loading'));
    this.relabelNote();
  }

  relabelNote() {
    const key = this.step.control.value === 'outOfRemit' ? 'followup.reason' : 'followup.note';
    setText(this.note.label, t(key));
  }

  relabel() {
    setText(this.title, t('followup.title'));
    for (const part of [this.step, this.agency, this.due]) setText(part.label, t(part.label.dataset.key));
    for (const option of this.step.control.options) setText(option, t(`followup.step.${option.value}`));
    setText(this.cancel, t('dialog.cancel'));
    setText(this.confirmButton, t('followup.confirm'));
    setText(this.agencyNone, this.agencies ? t('followup.agency.none') : t('followup.agency.loading'));
    this.relabelNote();
    this.showError(this.errorKey, this.errorParams);
  }

  showError(key, params = {}) {
    this.errorKey = key;
    this.errorParams = params;
    setText(this.error, key ? t(key, params) : '');
    setHidden(this.error, !key);
  }

  /** The fields of the `followUp` message, or null (and the error said) when one is missing. */
  collect() {
    const step = this.step.control.value;
    const fields = { step };
    if (NEEDS_AGENCY.has(step)) {
      if (!this.agency.control.value) return this.refuse('followup.error.agency', this.agency.control);
      fields.agency = this.agency.control.value;
    }
    if (NEEDS_DUE.has(step)) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(this.due.control.value)) return this.refuse('followup.error.due', this.due.control);
      fields.due = this.due.control.value;
    }
    const note = this.note.control.value.trim();
    if (step === 'outOfRemit' && !note) return this.refuse('followup.error.reason', this.note.control);
    if (note) fields.note = note;
    return fields;
  }

  refuse(key, control) {
    this.showError(key);
    control.focus();
    return null;
  }

  confirm() {
    if (this.pending || !this.submitFn) return;
    const fields = this.collect();
    if (!fields) return;
    this.pending = true;
    setAttr(this.confirmButton, 'aria-disabled', 'true');
    const submit = this.submitFn;
    submit(fields).then(() => this.close(), (error) => {
      const code = error?.code;
      const known = ['forbidden', 'conflict', 'not_found', 'bad_request'].includes(code);
      this.showError(known ? `followup.error.${code}` : 'followup.error.other', { message: error?.message ?? '' });
    }).finally(() => {
      this.pending = false;
      setAttr(this.confirmButton, 'aria-disabled', 'false');
    });
  }
}
