// The photo of a clerk's paper slip in the console (issue 17): the row's button opens this dialog, which fetches the
// photo with the console's token (moderators and clerks only: the page's policy shows it as a data: image), and lets
// the moderator publish it. Publishing sends the SHA-256 of the photo on screen, so a photo replaced meanwhile is not
// published unseen; the question's next frame then says it is public, and the record names it.

import { publishSlip, slipPhoto } from '../api.js';
import { hasString, t } from '../i18n.js';
import { setHidden, setText } from './dom.js';

const QUOTE_CHARS = 120;

export class SlipDialog {
  /**
   * @param dialog the <dialog id="slip-dialog">
   * @param {{sessionId: string, token: () => string|null, question: (id) => object|undefined}} options
   */
  constructor(dialog, { sessionId, token, question }) {
    this.dialog = dialog;
    this.sessionId = sessionId;
    this.token = token;
    this.questionOf = question;
    this.questionId = null;
    this.sha256 = null;
    this.state = null;
    this.errorKey = null;
    this.images = new Map(); // sha256 -> data: URL, so opening it again costs nothing
    this.image = dialog.querySelector('#slip-image');
    this.publish = dialog.querySelector('#slip-publish');
    for (const button of dialog.querySelectorAll('[data-close]')) button.addEventListener('click', () => this.close());
    this.publish.addEventListener('click', () => this.confirm());
    dialog.addEventListener('close', () => {
      this.questionId = null;
    });
  }

  /** The page's language changed (the console relabels every dialog). */
  relabel() {
    this.render();
  }

  open(id) {
    const question = this.questionOf(id);
    if (!question?.slip?.sha256) return;
    this.questionId = id;
    this.sha256 = question.slip.sha256;
    this.errorKey = null;
    this.image.hidden = true;
    this.image.removeAttribute('src');
    this.state = 'loading';
    this.render();
    if (!this.dialog.open) this.dialog.showModal();
    this.dialog.querySelector('[data-close]').focus();
    const sha256 = this.sha256;
    const cached = this.images.get(sha256);
    const loaded = cached ? Promise.resolve(cached)
      : slipPhoto(this.token(), this.sessionId, id, sha256).then((url) => {
        this.images.set(sha256, url);
        return url;
      });
    loaded.then((url) => {
      if (this.questionId !== id || this.sha256 !== sha256) return;
      this.image.src = url;
      this.image.hidden = false;
      this.state = 'shown';
      this.render();
      if (!this.publish.hidden) this.publish.focus();
    }).catch((error) => {
      if (this.questionId !== id) return;
      this.state = 'failed';
      this.errorKey = hasString(`slip.error.${error.code}`) ? `slip.error.${error.code}` : 'slip.error';
      this.render();
    });
  }

  close() {
    if (this.dialog.open) this.dialog.close();
  }

  /** The question changed (its photo published or replaced): the dialog follows it. */
  refresh(id) {
    if (this.dialog.open && id === this.questionId) {
      const sha256 = this.questionOf(id)?.slip?.sha256;
      if (sha256 && sha256 !== this.sha256) this.open(id);
      else this.render();
    }
  }

  confirm() {
    const id = this.questionId;
    if (!id || this.state !== 'shown') return;
    this.state = 'publishing';
    this.errorKey = null;
    this.render();
    publishSlip(this.token(), this.sessionId, id, this.sha256).then(() => {
      if (this.questionId !== id) return;
      this.state = 'published';
      this.render();
    }).catch((error) => {
      if (this.questionId !== id) return;
      this.state = 'shown';
      this.errorKey = hasString(`slip.error.${error.code}`) ? `slip.error.${error.code}` : 'slip.error';
      this.render();
    });
  }

  render() {
    if (!this.questionId) return;
    const question = this.questionOf(this.questionId);
    const isPublic = question?.slip?.public === true || this.state === 'published';
    const quote = this.dialog.querySelector('.dialog-quote');
    const text = [...(question?.text ?? '').replace(/\s+/g, ' ')];
    setText(quote, `#${this.questionId} · ${text.length > QUOTE_CHARS ? `${text.slice(0, QUOTE_CHARS - 1).join('')}…`
      : text.join('')}`);
    quote.lang = '';
    this.image.alt = t('slip.mod.alt', { id: this.questionId });
    const stateKey = isPublic ? 'slip.mod.state.public' : `slip.mod.state.${this.state}`;
    setText(this.dialog.querySelector('#slip-state'), t(stateKey));
    const link = this.dialog.querySelector('#slip-public-link');
    link.href = `/api/slips/${this.sha256}`;
    setHidden(this.dialog.querySelector('#slip-public'), !isPublic);
    setHidden(this.publish, isPublic);
    this.publish.setAttribute('aria-disabled', this.state === 'shown' ? 'false' : 'true');
    const error = this.dialog.querySelector('#slip-error');
    setText(error, this.errorKey ? t(this.errorKey) : '');
    setHidden(error, !this.errorKey);
  }
}
