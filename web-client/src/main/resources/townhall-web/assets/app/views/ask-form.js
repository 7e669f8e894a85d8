// The ask form: live character counter, optional (or required) display name, and the session's open/paused/closed
// state. A valid question is handed to onAsk; whether it goes out now or later is the outbox's business.
// It stands as one line ("Đặt câu hỏi…") until the reader focuses it or it holds text, so the questions are on a
// phone's first screen; what is typed is kept as a draft (a reload or a closed tab does not lose it). A closed
// session hides it; a banned participant finds it disabled, with a notice saying why.

import { t } from '../i18n.js';
import { AUTHOR_MAX_LENGTH, DEFAULT_MAX_LENGTH } from '../protocol.js';
import { storage } from '../storage.js';
import { graphemeCount, normalizeQuestion } from '../text.js';
import { setHidden, setText } from './dom.js';

export class AskForm {
  /**
   * @param els {{form, text, author, authorNote, hint, counter, submit, notice, offline}} the form's elements
   * @param handlers {{onAsk: (text: string, author: string|null) => void, onInvalid: (key: string, params?: object) => void}}
   * @param drafts {{load: () => string, save: (text: string) => void}} where the half-typed question is kept
   */
  constructor(els, handlers, drafts = { load: () => '', save: () => {} }) {
    this.els = els;
    this.handlers = handlers;
    this.drafts = drafts;
    this.session = { status: 'open', anonymous: true, maxLength: DEFAULT_MAX_LENGTH, moderation: 'pre' };
    this.online = false;
    this.banned = false;
    els.author.maxLength = AUTHOR_MAX_LENGTH;
    els.author.value = storage.author();
    els.text.value = drafts.load();
    els.text.addEventListener('input', () => {
      this.drafts.save(els.text.value);
      this.renderCounter();
    });
    els.author.addEventListener('change', () => storage.setAuthor(els.author.value.trim()));
    els.form.addEventListener('submit', (event) => this.submit(event));
    els.form.addEventListener('focusin', () => this.renderCollapsed());
    // Focus moving from one field to another passes through the body for a moment: look once it has settled.
    els.form.addEventListener('focusout', () => setTimeout(() => this.renderCollapsed(), 0));
    this.render();
  }

  setSession(session) {
    if (!session) return;
    this.session = { ...this.session, ...session };
    this.render();
  }

  setOnline(online) {
    this.online = online;
    this.render();
  }

  /** The participant may no longer ask or vote here: the form says so and takes nothing more. */
  setBanned(banned) {
    this.banned = banned;
    this.render();
  }

  /** Puts a refused question back so the reader does not lose it (unless they already typed a new one). */
  restore(text) {
    if (this.els.text.value.trim()) return false;
    this.els.text.value = text;
    this.drafts.save(text);
    this.renderCounter();
    this.renderCollapsed();
    return true;
  }

  maxLength() {
    return Number.isInteger(this.session.maxLength) ? this.session.maxLength : DEFAULT_MAX_LENGTH;
  }

  render() {
    const { status, anonymous, moderation } = this.session;
    const open = status === 'open' && !this.banned;
    setHidden(this.els.form, status === 'closed');
    this.els.submit.disabled = !open;
    this.els.text.disabled = status === 'closed' || this.banned;
    this.els.author.disabled = status === 'closed' || this.banned;
    this.els.author.required = anonymous === false;
    setText(this.els.authorNote, t(anonymous === false ? 'ask.author.required' : 'ask.author.optional'));
    const hints = [t(anonymous === false ? 'ask.hint.named' : 'ask.hint.anonymous')];
    if (moderation === 'pre') hints.push(t('ask.hint.moderated'));
    setText(this.els.hint, hints.join(' '));
    setText(this.els.notice, this.noticeText());
    setHidden(this.els.notice, open);
    this.els.notice.classList.toggle('is-banned', this.banned);
    setText(this.els.offline, t('ask.queued'));
    setHidden(this.els.offline, this.online || !open);
    this.renderCounter();
    this.renderCollapsed();
  }

  noticeText() {
    if (this.banned) return t('ask.banned');
    if (this.session.status === 'open') return '';
    return t(this.session.status === 'paused' ? 'ask.paused' : 'ask.closed');
  }

  /** One line while nobody is in it and it holds nothing; the whole form otherwise. */
  renderCollapsed() {
    const focused = this.els.form.contains(document.activeElement);
    const collapsed = !focused && !this.els.text.value.trim();
    this.els.form.classList.toggle('is-collapsed', collapsed);
    for (const extra of this.els.form.querySelectorAll('.ask-extra')) {
      extra.classList.toggle('visually-hidden', collapsed);
    }
    const rows = collapsed ? 1 : 3;
    if (this.els.text.rows !== rows) this.els.text.rows = rows;
    this.els.text.placeholder = t(collapsed ? 'ask.collapsed' : 'ask.placeholder');
  }

  renderCounter() {
    const count = graphemeCount(normalizeQuestion(this.els.text.value));
    const max = this.maxLength();
    setText(this.els.counter, `${count}/${max}`);
    this.els.counter.classList.toggle('is-over', count > max);
  }

  submit(event) {
    event.preventDefault();
    if (this.session.status !== 'open' || this.banned) return;
    const text = normalizeQuestion(this.els.text.value);
    const author = this.els.author.value.trim();
    const problem = this.validate(text, author);
    if (problem) {
      this.handlers.onInvalid(...problem);
      return;
    }
    storage.setAuthor(author);
    this.handlers.onAsk(text, author || null);
    this.els.text.value = '';
    this.drafts.save('');
    this.renderCounter();
  }

  validate(text, author) {
    if (!text) {
      this.els.text.focus();
      return ['error.empty'];
    }
    if (graphemeCount(text) > this.maxLength()) {
      this.els.text.focus();
      return ['error.too_long', { max: this.maxLength() }];
    }
    if (this.session.anonymous === false && !author) {
      this.els.author.focus();
      return ['error.name_required'];
    }
    return null;
  }
}
