// Classifying after the session, on the record page (issue 17: officials classify when they compile the opinions for
// the district). Opened as /r/<id>#classify from /home: for a signed-in account, each question gets a compact
// editor — its topic and its area from the session's lists and a save button, all reachable by the keyboard — that
// sends PUT /api/sessions/{id}/questions/{qid}/classification with the sign-in's CSRF token. The server decides who
// may (an organizer or moderator of the session's organization) and chains it in the record, archived or not; the
// page then reads the record again, so its summary, charts and filters follow. Signed out: a note with the sign-in
// link. Never printed (record.css).

import { call } from '../home-api.js';
import { lang, t } from '../i18n.js';
import { el, setText } from './dom.js';

/** The fragment that opens the record page with the editors: /r/<id>#classify. */
export const CLASSIFY_FRAGMENT = 'classify';

function errorKey(status) {
  if (status === 400) return 'rec.classify.refused';
  if (status === 401) return 'rec.classify.signin';
  if (status === 403) return 'rec.classify.forbidden';
  if (status === 404) return 'rec.classify.notFound';
  return 'rec.classify.failed';
}

function topicLabel(topic) {
  return lang() === 'en' ? topic.name_en : topic.name_vi;
}

/** A select of `items` (each {key, label}) with a "none" first, showing `current` (kept when the lists lack it). */
function select(id, noneLabel, items, current) {
  const control = el('select', 'rec-classify-select');
  control.id = id;
  const none = el('option', null, noneLabel);
  none.value = '';
  control.append(none);
  const keys = new Set();
  for (const item of items) {
    const option = el('option', null, item.label);
    option.value = item.key;
    keys.add(item.key);
    control.append(option);
  }
  if (current && !keys.has(current)) {
    const kept = el('option', null, current);
    kept.value = current;
    control.append(kept);
  }
  control.value = current ?? '';
  return control;
}

export class RecordClassify {
  /**
   * @param {string} sessionId
   * @param {(questionId: string) => Promise<void>} onSaved reads the record again and renders it
   */
  constructor(sessionId, onSaved) {
    this.sessionId = sessionId;
    this.onSaved = onSaved;
    this.csrf = null;
    this.signedIn = null; // null: not known yet
    this.notes = new Map(); // question id -> {key, error}: the last answer, kept across renders
    this.banner = el('p', 'card rec-classify-banner');
    this.banner.id = 'rec-classify-banner';
  }

  /** Asks who is signed in (GET /api/me): the CSRF token every save carries. */
  async start() {
    const me = await call('/api/me');
    this.signedIn = me.status === 200;
    this.csrf = me.json?.csrfToken ?? null;
  }

  /** The note above the questions: what the editors do, or that signing in comes first. */
  renderBanner() {
    this.banner.replaceChildren();
    if (this.signedIn === false) {
      const link = el('a', null, t('rec.classify.signin.link'));
      link.href = '/login';
      this.banner.append(`${t('rec.classify.signin')} `, link);
    } else {
      setText(this.banner, t('rec.classify.intro'));
    }
    return this.banner;
  }

  /** The editor of one question (or nothing when signed out), for its list item. */
  editor(question, lists) {
    if (!this.signedIn) return null;
    const id = question.id;
    const safe = id.replace(/[^A-Za-z0-9_-]/g, '-');
    const form = el('form', 'rec-classify');
    form.dataset.id = id;
    form.setAttribute('aria-label', t('rec.classify.form', { id }));
    const topics = (lists?.topics ?? []).map((x) => ({ key: x.key, label: topicLabel(x) }));
    const areas = (lists?.areas ?? []).map((x) => ({ key: x.key, label: x.name }));
    const topic = select(`rc-topic-${safe}`, t('topic.none'), topics, question.topic);
    const area = select(`rc-area-${safe}`, t('topic.area.none'), areas, question.area);
    const field = (labelKey, control) => {
      const box = el('span', 'rec-classify-field');
      const label = el('label', 'rec-classify-label', t(labelKey));
      label.htmlFor = control.id;
      box.append(label, control);
      return box;
    };
    const save = el('button', 'button rec-classify-save', t('rec.classify.save'));
    save.type = 'submit';
    const status = el('span', 'rec-classify-status');
    status.setAttribute('role', 'status');
    const note = this.notes.get(id);
    if (note) {
      setText(status, t(note.key));
      status.classList.toggle('is-error', note.error);
    }
    form.append(field('rec.classify.topic', topic), field('rec.classify.area', area), save, status);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.save(question, topic.value || null, area.value || null, save, status);
    });
    return form;
  }

  async save(question, topic, area, button, status) {
    button.disabled = true;
    setText(status, t('rec.classify.saving'));
    const path = `/api/sessions/${encodeURIComponent(this.sessionId)}/questions/`
      + `${encodeURIComponent(question.id)}/classification`;
    const answer = await call(path, { method: 'PUT', body: { topic, area }, csrf: this.csrf });
    if (answer.status === 200) {
      this.notes.set(question.id, { key: 'rec.classify.saved', error: false });
      await this.onSaved(question.id);
      return;
    }
    this.notes.set(question.id, { key: errorKey(answer.status), error: true });
    button.disabled = false;
    setText(status, t(errorKey(answer.status)));
    status.classList.add('is-error');
  }
}
