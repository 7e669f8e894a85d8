// "Tell me by email": the form that asks for a confirmation link about one question's follow-up, on /f/<code> and
// under the asker's own question on the resident page. The answer never says whether the address was known.

import { subscribe } from '../follow-asker.js';
import { lang, t, translatePage } from '../i18n.js';
import { el, setHidden } from './dom.js';

let forms = 0;

/** A form for the question of `code`; its strings follow the page's language (translatePage). */
export function followMailForm(code) {
  forms += 1;
  const id = `follow-mail-email-${forms}`;
  const form = el('form', 'follow-mail-form');
  form.noValidate = true;
  const hint = el('p', 'hint');
  hint.dataset.i18n = 'followMail.hint';
  const label = el('label', 'field-label');
  label.htmlFor = id;
  label.dataset.i18n = 'followMail.email';
  const input = el('input');
  input.id = id;
  input.type = 'email';
  input.autocomplete = 'email';
  input.maxLength = 254;
  input.required = true;
  const button = el('button', 'button');
  button.type = 'submit';
  button.dataset.i18n = 'followMail.submit';
  const status = el('p', 'follow-mail-status');
  status.setAttribute('role', 'status');
  setHidden(status, true);
  form.append(hint, label, input, button, status);
  translatePage(form);

  const say = (key) => {
    status.dataset.i18n = key;
    status.textContent = t(key);
    setHidden(status, false);
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const email = input.value.trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      say('followMail.invalid');
      input.focus();
      return;
    }
    button.disabled = true;
    const answer = await subscribe(code, email, lang());
    button.disabled = false;
    if (answer.status === 202) {
      input.value = '';
      say('followMail.sent');
    } else {
      say({ 400: 'followMail.invalid', 409: 'followMail.ended', 429: 'followMail.tooFast', 503: 'followMail.unavailable' }[answer.status]
        ?? 'followMail.unavailable');
    }
  });
  return form;
}
