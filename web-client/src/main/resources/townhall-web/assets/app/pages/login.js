// Entry of /login: signing in with email and password; with #setup=<token> the first administrator's set-up, with
// #invite=<token> accepting an invitation, with #reset=<token> choosing a new password from a reset email; "forgot
// password" asks for such an email. The token is read from the fragment (never sent in a URL) and wiped from the
// address bar at once.

import { call } from '../home-api.js';
import { initLanguage, onLangChange, t } from '../i18n.js';
import { setHidden, setText } from '../views/dom.js';

const $ = (id) => document.getElementById(id);

function linkFromFragment() {
  const match = /^#(setup|invite|reset)=([A-Za-z0-9_-]{10,200})$/.exec(window.location.hash);
  if (!match) return null;
  window.history.replaceState(null, '', window.location.pathname);
  return { kind: match[1], token: match[2] };
}

const link = linkFromFragment();
/** login, setup, invite, reset (from a link) or forgot (asking for a reset email). */
let mode = link ? link.kind : 'login';

function labels() {
  setText($('login-title'), t(`login.${mode}.title`));
  setText($('login-lead'), t(`login.${mode}.lead`));
  setText($('login-submit'), t(`login.${mode}.submit`));
  document.title = `${t(`login.${mode}.title`)} · Townhall`;
}

/** Shows the fields the mode needs. */
function layout() {
  const choosing = mode === 'setup' || mode === 'invite' || mode === 'reset';
  setHidden($('login-email-row'), mode === 'invite' || mode === 'reset');
  setHidden($('login-name-row'), !(mode === 'setup' || mode === 'invite'));
  setHidden($('login-password-row'), mode === 'forgot');
  setHidden($('login-password-hint'), !choosing);
  $('login-password').autocomplete = choosing ? 'new-password' : 'current-password';
  setHidden($('login-forgot'), mode !== 'login');
  setHidden($('login-back'), mode !== 'forgot');
  labels();
}

function switchTo(next) {
  mode = next;
  setHidden($('login-error'), true);
  setHidden($('login-status'), true);
  layout();
  (mode === 'forgot' ? $('login-email') : $('login-password')).focus();
}

function showError(key) {
  setHidden($('login-status'), true);
  setText($('login-error'), t(key));
  setHidden($('login-error'), false);
}

function showStatus(key) {
  setHidden($('login-error'), true);
  setText($('login-status'), t(key));
  setHidden($('login-status'), false);
}

async function askForReset(email) {
  const answer = await call('/api/password-reset', { method: 'POST', body: { email } });
  if (answer.status === 202) {
    showStatus('login.forgot.sent');
  } else if (answer.status === 429) {
    showError('login.error.resetLimited');
  } else if (answer.status === 400) {
    showError('login.error.email');
  } else if (answer.status === 503) {
    showError('login.error.noMail');
  } else {
    showError('login.error.unavailable');
  }
}

async function submit(event) {
  event.preventDefault();
  setHidden($('login-error'), true);
  const email = $('login-email').value.trim();
  const password = $('login-password').value;
  const name = $('login-name').value.trim();
  if (mode === 'forgot') {
    await askForReset(email);
    return;
  }
  let answer;
  if (mode === 'login') {
    answer = await call('/api/login', { method: 'POST', body: { email, password } });
  } else if (mode === 'setup') {
    answer = await call('/api/setup', { method: 'POST', body: { token: link.token, email, password, name } });
  } else if (mode === 'invite') {
    answer = await call('/api/invitations/accept', { method: 'POST', body: { token: link.token, password, name } });
  } else {
    answer = await call('/api/password-reset/confirm', { method: 'POST', body: { token: link.token, password } });
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
layout();
onLangChange(labels);
$('login-form').addEventListener('submit', submit);
$('login-forgot').addEventListener('click', () => switchTo('forgot'));
$('login-back').addEventListener('click', () => switchTo('login'));
