// The console's topic and area picker (issue 17): Shift+C on a question (c alone confirms the suggestion) opens it
// with the question's topic and area, or the ones its words suggest, chosen; Enter on "Lưu" classifies it.

import { lang, t } from '../i18n.js';
import { setHidden, setText } from './dom.js';

function option(value, text) {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = text;
  return o;
}

export class ClassifyDialog {
  /** @param {HTMLDialogElement} dialog */
  constructor(dialog) {
    this.dialog = dialog;
    this.quote = dialog.querySelector('.dialog-quote');
    this.topic = dialog.querySelector('#classify-topic');
    this.area = dialog.querySelector('#classify-area');
    this.areaBox = dialog.querySelector('#classify-area-box');
    this.lists = { topics: [], areas: [] };
    this.submitFn = null;
    for (const button of dialog.querySelectorAll('[data-close]')) button.addEventListener('click', () => this.close());
    dialog.querySelector('.dialog-confirm').addEventListener('click', () => this.confirm());
    dialog.addEventListener('close', () => {
      this.submitFn = null;
    });
  }

  /** The session's lists (GET …/classification). */
  setLists(lists) {
    this.lists = { topics: lists?.topics ?? [], areas: lists?.areas ?? [] };
    this.relabel();
  }

  relabel() {
    const topic = this.topic.value;
    const area = this.area.value;
    this.topic.replaceChildren(option('', t('topic.none')),
      ...this.lists.topics.map((x) => option(x.key, lang() === 'en' ? x.name_en : x.name_vi)));
    this.area.replaceChildren(option('', t('topic.area.none')), ...this.lists.areas.map((x) => option(x.key, x.name)));
    this.topic.value = topic;
    this.area.value = area;
    setHidden(this.areaBox, this.lists.areas.length === 0);
  }

  /** @param initial {{topic?: string, area?: string}} what to choose first; submit gets {topic?, area?} */
  open(question, initial, submit) {
    this.submitFn = submit;
    setText(this.quote, `#${question.id} · ${question.text.length > 140 ? `${question.text.slice(0, 139)}…` : question.text}`);
    this.topic.value = initial.topic ?? '';
    this.area.value = initial.area ?? '';
    if (!this.dialog.open) this.dialog.showModal();
    this.topic.focus();
  }

  close() {
    if (this.dialog.open) this.dialog.close();
  }

  confirm() {
    const submit = this.submitFn;
    if (!submit) return;
    const fields = {};
    if (this.topic.value) fields.topic = this.topic.value;
    if (this.area.value) fields.area = this.area.value;
    this.close();
    submit(fields);
  }
}
