// Entry of /login: signing in with email and password; with #setup=<token> the first administrator's set-up, with
// #invite=<token> accepting an invitation. The token is read from the fragment (never sent in a URL) and wiped
// from the address bar at once.

import { call } from '../home-api.js';
import { initLanguage, onLangChange, t } from '../i18n.js';
import { setHidden, setText } from '../views/dom.js';

const $ = (id) => document.getElementById(id);

function linkFromFragment() {
  const match = /^#(setup|invite)=([A-Za-z0-9_-]{10,200})$/.exec(window.location.hash);
  if (!match) return null;
  window.history.replaceState(null, '', window.location.pathname);
  return { kind: match[1], token: match[2] };
}

const link = linkFromFragment();

function labels() {
  const mode = link ? link.kind : 'login';
  setText($('login-title'), t(`login.${mode}.title`));
  setText($('login-lead'), t(`login.${mode}.lead`));
  setText($('login-submit'), t(`login.${mode}.submit`));
  document.title = `${t(`login.${mode}.title`)} · Townhall`;
}

function showError(key) {
  setText($('login-error'), t(key));
  setHidden($('login-error'), false);
}

async function submit(event) {
  event.preventDefault();
  setHidden($('login-error'), true);
  const email = $('login-email').value.trim();
  const password = $('login-password').value;
  const name = $('login-name').value.trim();
  let answer;
  if (!link) {
    answer = await call('/api/login', { method: 'POST', body: { email, password } });
  } else if (link.kind === 'setup') {
    answer = await call('/api/setup', { method: 'POST', body: { token: link.token, email, password, name } });
  } else {
    answer = await call('/api/invitations/accept', { method: 'POST', body: { token: link.token, password, name } });
  }
  if (answer.status === 200) {
    window.location.assign('/home');
  } else if (answer.status === 401) {
    showError('login.error.refused');
  } else if (answer.status === 429) {
    showError('login.error.limited');
  } else if (answer.status === 404) {
    showError('login.error.link');
  } else if (answer.status === 400) {
    showError('login.error.input');
  } else {
    showError('login.error.unavailable');
  }
}

initLanguage($('lang-switch'));
if (link) {
  setHidden($('login-name-row'), false);
  setHidden($('login-password-hint'), false);
  $('login-password').autocomplete = 'new-password';
  if (link.kind === 'invite') setHidden($('login-email-row'), true);
}
labels();
onLangChange(labels);
$('login-form').addEventListener('submit', submit);
