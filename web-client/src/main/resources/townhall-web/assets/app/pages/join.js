// Entry of the join page (/): a 6-digit code takes the reader to /j/<code>.

import { initLanguage, onLangChange, t } from '../i18n.js';
import { keepShellForOffline } from '../offline-shell.js';

const CODE_LENGTH = 6;

// A pasted join link (…/j/482913) or "482 913" still yields the code.
function digitsOf(value) {
  const fromLink = /\/j\/(\d{6})/.exec(value);
  if (fromLink) return fromLink[1];
  return value.replace(/\D/g, '').slice(0, CODE_LENGTH);
}

function main() {
  keepShellForOffline();
  // the resident's way in: a phone set to English opens in English (unless its reader chose with the switch)
  initLanguage(document.getElementById('lang-switch'), { followBrowser: true });
  const form = document.getElementById('join-form');
  const input = document.getElementById('code-input');
  const error = document.getElementById('join-error');
  let errorKey = null;

  const showError = (key) => {
    errorKey = key;
    error.textContent = key ? t(key) : '';
    error.hidden = !key;
    input.setAttribute('aria-invalid', key ? 'true' : 'false');
  };
  onLangChange(() => showError(errorKey));

  input.addEventListener('input', () => {
    const digits = digitsOf(input.value);
    if (digits !== input.value) input.value = digits;
    if (errorKey) showError(null);
  });

  const preset = digitsOf(new URLSearchParams(window.location.search).get('code') ?? '');
  if (preset) input.value = preset;

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const code = digitsOf(input.value);
    if (code.length !== CODE_LENGTH) {
      showError('join.invalid');
      input.focus();
      return;
    }
    window.location.assign(`/j/${code}`);
  });
  input.focus();
}

main();
