// Series carry-over (issue 16 item 7): "Trả lời câu hỏi kỳ trước" — the open and overdue follow-up items of the
// earlier sessions of the session's series (GET /api/sessions/{id}/carried-over), as a section of the resident page
// and of the console; in the console each item can be put on stage, taken off, and marked answered on stage (with
// what was answered), through POST /api/sessions/{id}/carried-over/{code}. The stage shows the item on stage
// (CarriedOnStage). The list is read again at each welcome and whenever the stage changes.

import { carriedOver, carryOverAction } from '../api.js';
import { t } from '../i18n.js';
import { formatDue, showStep } from '../follow-up-text.js';
import { el, setAttr, setHidden, setText, setUserText } from './dom.js';

const ANSWER_MAX_LENGTH = 2000;
let nextSectionId = 1;

export class CarriedOver {
  /**
   * @param {{sessionId: string, before: Element, token?: () => string, onError?: (error: Error) => void}} options
   *   token: the moderator's token (the console): the items get their actions
   */
  constructor({ sessionId, before, token = null, onError = () => {} }) {
    this.sessionId = sessionId;
    this.token = token;
    this.onError = onError;
    this.data = { items: [], onStage: null };
    this.answering = null;
    const n = nextSectionId++;
    this.section = el('section', 'card carried-over');
    this.section.hidden = true;
    this.heading = el('h2', 'section-title carried-over-title');
    this.heading.id = `carried-over-heading-${n}`;
    this.section.setAttribute('aria-labelledby', this.heading.id);
    this.hint = el('p', 'hint');
    this.list = el('ul', 'carried-over-list');
    this.section.append(this.heading, this.hint, this.list);
    before.before(this.section);
    this.reading = null;
  }

  /** Reads the items again (a failed read keeps what is shown). */
  refresh() {
    if (this.reading) return this.reading;
    this.reading = carriedOver(this.sessionId).then((data) => {
      this.data = { items: Array.isArray(data?.items) ? data.items : [], onStage: data?.onStage ?? null };
      this.render();
    }).catch(() => {}).finally(() => {
      this.reading = null;
    });
    return this.reading;
  }

  /** The item with this follow-up code, or null. */
  item(code) {
    return this.data.items.find((item) => item.followCode === code) ?? null;
  }

  render() {
    const { items, onStage } = this.data;
    setHidden(this.section, items.length === 0);
    setText(this.heading, t('carried.title'));
    setText(this.hint, t('carried.hint'));
    const focusedCode = document.activeElement?.closest?.('.carried-item')?.dataset.code;
    this.list.replaceChildren(...items.map((item) => this.renderItem(item, item.followCode === onStage)));
    if (focusedCode) this.list.querySelector(`.carried-item[data-code="${focusedCode}"] button`)?.focus();
  }

  renderItem(item, staged) {
    const li = el('li', 'carried-item');
    li.dataset.code = item.followCode;
    li.classList.toggle('is-overdue', item.overdue === true);
    li.classList.toggle('is-onstage', staged);
    const text = el('p', 'carried-text');
    setUserText(text, item.text);
    const meta = el('p', 'carried-meta');
    const code = el('a', 'q-follow-code', item.followCode);
    code.href = `/f/${encodeURIComponent(item.followCode)}`;
    const step = el('span', 'carried-step');
    showStep(step, item.latest);
    const from = el('span', 'carried-session');
    setUserText(from, item.session?.title ?? '');
    meta.append(code, ' · ', step, ' · ', from);
    li.append(text, meta);
    if (item.overdue) {
      const late = el('p', 'carried-overdue', t('carried.overdue', { due: formatDue(item.latest?.due) }));
      li.prepend(late);
    }
    if (staged) li.prepend(el('p', 'carried-onstage', t('carried.onstage')));
    if (this.token) li.append(this.actions(item, staged));
    return li;
  }

  actions(item, staged) {
    const box = el('div', 'carried-actions');
    const stage = el('button', 'button', t(staged ? 'carried.unstage' : 'carried.stage'));
    stage.type = 'button';
    stage.addEventListener('click', () => this.send(item, { action: staged ? 'unstage' : 'stage' }));
    const answer = el('button', 'button', t('carried.answered'));
    answer.type = 'button';
    answer.setAttribute('aria-expanded', String(this.answering === item.followCode));
    answer.addEventListener('click', () => {
      this.answering = this.answering === item.followCode ? null : item.followCode;
      this.render();
      this.list.querySelector(`.carried-item[data-code="${item.followCode}"] textarea`)?.focus();
    });
    box.append(stage, answer);
    if (this.answering === item.followCode) box.append(this.answerForm(item));
    return box;
  }

  answerForm(item) {
    const form = el('div', 'carried-answer');
    const id = `carried-answer-${item.followCode}`;
    const label = el('label', 'field-label', t('carried.answer.label'));
    label.htmlFor = id;
    const area = el('textarea');
    area.id = id;
    area.rows = 3;
    area.maxLength = ANSWER_MAX_LENGTH;
    area.lang = '';
    const error = el('p', 'field-error');
    error.id = `${id}-error`;
    error.setAttribute('role', 'alert');
    error.hidden = true;
    area.setAttribute('aria-describedby', error.id);
    const save = el('button', 'button primary', t('carried.answer.save'));
    save.type = 'button';
    save.addEventListener('click', () => {
      const text = area.value.trim();
      if (!text) {
        setText(error, t('carried.answer.empty'));
        setHidden(error, false);
        area.focus();
        return;
      }
      this.send(item, { action: 'answered', text }).then((ok) => {
        if (ok) this.answering = null;
      });
    });
    form.append(label, area, error, save);
    return form;
  }

  send(item, body) {
    return carryOverAction(this.token(), this.sessionId, item.followCode, body)
      .then(() => this.refresh().then(() => true))
      .catch((error) => {
        this.onError(error);
        return false;
      });
  }
}

/** The stage's block for an earlier session's question put on stage (in place of the session's own question). */
export class CarriedOnStage {
  /** @param {{main: Element, hide: Element[]}} options hide: what the block replaces while shown */
  constructor({ main, hide }) {
    this.hide = hide;
    this.box = el('article', 'display-question carried-onstage-box');
    this.box.hidden = true;
    this.label = el('h2', 'display-label');
    this.text = el('p', 'q-text');
    this.meta = el('p', 'display-meta');
    this.box.append(this.label, this.text, this.meta);
    main.append(this.box);
  }

  /** @param item the carried-over item on stage, or null */
  render(item) {
    setHidden(this.box, !item);
    if (!item) return false;
    for (const node of this.hide) setHidden(node, true);
    setText(this.label, t('carried.title'));
    setUserText(this.text, item.text);
    const step = el('span');
    showStep(step, item.latest);
    const from = el('span');
    setUserText(from, item.session?.title ?? '');
    this.meta.replaceChildren(el('span', 'q-follow-code', item.followCode), ' · ', step, ' · ', from);
    setAttr(this.box, 'data-code', item.followCode);
    return true;
  }
}
