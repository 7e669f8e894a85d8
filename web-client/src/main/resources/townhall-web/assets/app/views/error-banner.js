// The one place errors are shown: the latest message wins; the reader can dismiss it.

import { t } from '../i18n.js';
import { setHidden } from './dom.js';

export class ErrorBanner {
  constructor({ box, text, dismiss }) {
    this.box = box;
    this.text = text;
    this.key = null;
    this.params = {};
    dismiss.addEventListener('click', () => this.clear());
  }

  /** Shows a translated message; kept as a key so a language switch re-translates it. */
  show(key, params = {}) {
    this.key = key;
    this.params = params;
    this.render();
  }

  clear() {
    this.key = null;
    this.render();
  }

  render() {
    const visible = this.key !== null;
    this.text.textContent = visible ? t(this.key, this.params) : '';
    setHidden(this.text, !visible);
    setHidden(this.box, !visible);
  }
}
