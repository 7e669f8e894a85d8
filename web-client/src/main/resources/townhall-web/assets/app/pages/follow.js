// Entry of /f/<code>: anyone follows one question by its follow-up code, without an account: the question, every
// step of its follow-up (referred to which agency, due when) and the answer, with their dates. Only what the public
// record shows; user text rendered as text. The asker's side: "tell me by email" (and the links of those emails:
// #confirm=, #unsubscribe=, #rate=), and the rating of the answer, by the rating link or, in the browser they asked
// from, by their participant token.

import { confirm, rate, unsubscribe } from '../follow-asker.js';
import { call } from '../home-api.js';
import { initLanguage, lang, onLangChange, t, translatePage } from '../i18n.js';
import { storage } from '../storage.js';
import { followMailForm } from '../views/follow-mail.js';
import { agencyName, onAgencyName } from '../follow-up-text.js';
import { el, setHidden, setText, setUserText } from '../views/dom.js';
import { fileList } from '../views/answer-files.js';

const $ = (id) => document.getElementById(id);
const code = decodeURIComponent((/^\/f\/([^/]+)\/?$/.exec(window.location.pathname) ?? [])[1] ?? '');
let followed = null;
let rateToken = null;
let ratingNote = null;

/** The link's token (after #), taken out of the address bar at once so that it is not kept in history. */
function linkToken() {
  const match = /^#(confirm|unsubscribe|rate)=([A-Za-z0-9_.-]{1,200})$/.exec(window.location.hash);
  if (window.location.hash) history.replaceState(null, '', window.location.pathname);
  return match ? { kind: match[1], token: match[2] } : null;
}

function say(node, key) {
  node.dataset.i18n = key;
  setText(node, t(key));
  setHidden(node, false);
}

function day(ms) {
  return new Intl.DateTimeFormat(lang(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ms));
}

/** A due date YYYY-MM-DD as a date of the reader's language (it names a day, not an instant). */
function due(text) {
  const [y, m, d] = text.split('-').map(Number);
  return new Intl.DateTimeFormat(lang(), { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

function stepItem(step) {
  const li = el('li', 'follow-step');
  const time = el('time', 'follow-step-at', day(step.at));
  time.dateTime = new Date(step.at).toISOString();
  li.append(time);
  li.append(el('p', 'follow-step-what', t(`follow.step.${step.step}`)));
  if (step.agency) {
    const agency = el('p', 'follow-step-agency');
    agency.append(`${t('follow.agency')} `);
    const a = el('a');
    a.dataset.agency = step.agency;
    setUserText(a, agencyName(step.agency)); // its name, as on every other screen (the slug until it arrives)
    a.href = `/o/${encodeURIComponent(step.agency)}`;
    agency.append(a);
    li.append(agency);
  }
  if (step.due) li.append(el('p', 'follow-step-due', t('follow.due', { date: due(step.due) })));
  if (step.note) {
    const note = el('p', 'follow-step-note');
    setUserText(note, step.note);
    li.append(note);
  }
  return li;
}

const ended = (steps) => steps.some((s) => s.step === 'answered' || s.step === 'outOfRemit');

function renderRating() {
  const { question, answer, satisfaction, sessionId } = followed;
  const hasAnswer = Boolean(answer) || question.status === 'answered';
  const rated = satisfaction && (satisfaction.satisfied + satisfaction.notSatisfied) > 0;
  const asker = rateToken || (sessionId && storage.token(sessionId));
  setHidden($('follow-rating-card'), !hasAnswer || (!rated && !asker && !ratingNote));
  setHidden($('follow-rating-result'), !rated);
  if (rated) setText($('follow-rating-result'), t(satisfaction.satisfied > 0 ? 'rate.result.satisfied' : 'rate.result.notSatisfied'));
  setHidden($('follow-rating-form'), rated || !asker);
}

function render() {
  if (!followed) return;
  const { question, steps, answer } = followed;
  setUserText($('follow-text'), question.text);
  setText($('follow-state'), t(`follow.status.${question.status}`));
  $('follow-steps').replaceChildren(...steps.map(stepItem));
  setHidden($('follow-steps-none'), steps.length > 0);
  setHidden($('follow-answer'), !answer);
  setHidden($('follow-answer-at'), !answer);
  setHidden($('follow-answer-none'), Boolean(answer));
  if (answer) {
    setUserText($('follow-answer'), answer.text);
    setText($('follow-answer-at'), t('follow.answer.at', { date: day(answer.at) }));
  }
  const files = answer ? fileList(answer.attachments) : null;
  $('follow-answer-files').replaceChildren(...(files ? [files] : []));
  for (const id of ['follow-question', 'follow-steps-card', 'follow-answer-card']) setHidden($(id), false);
  setHidden($('follow-mail-card'), ended(steps));
  renderRating();
}

async function reload() {
  const found = await call(`/api/follow/${encodeURIComponent(code)}`);
  if (found.status === 200) followed = found.json;
  return found;
}

async function submitRating(event) {
  event.preventDefault();
  const choice = $('follow-rating-form').querySelector('input[name="rating"]:checked');
  const status = $('follow-rating-status');
  if (!choice) {
    say(status, 'rate.choose');
    return;
  }
  $('follow-rating-submit').disabled = true;
  const answer = await rate(code, {
    rating: choice.value, reason: $('follow-rating-reason').value.trim(), token: rateToken,
    ref: `rate-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
  }, followed.sessionId ? storage.token(followed.sessionId) : null);
  $('follow-rating-submit').disabled = false;
  const key = { 200: 'rate.done', 400: 'rate.badReason', 401: 'rate.refused', 403: 'rate.refused', 409: 'rate.already' }[answer.status]
    ?? 'rate.error';
  ratingNote = key;
  if (answer.status === 200 || answer.status === 409) await reload();
  render();
  say(status, key);
}

async function followLink(link) {
  const node = $('follow-link-status');
  if (link.kind === 'confirm') {
    const answer = await confirm(code, link.token);
    say(node, answer.status === 200 ? 'followMail.confirmed' : 'followMail.confirmFailed');
  } else if (link.kind === 'unsubscribe') {
    const answer = await unsubscribe(code, link.token);
    say(node, answer.status === 200 ? 'followMail.unsubscribed' : 'followMail.unsubscribeFailed');
  } else {
    rateToken = link.token;
  }
}

async function start() {
  initLanguage($('lang-switch'));
  onAgencyName(() => {
    for (const a of document.querySelectorAll('.follow-step-agency a[data-agency]')) {
      setUserText(a, agencyName(a.dataset.agency));
    }
  });
  onLangChange(() => {
    translatePage();
    render();
  });
  setText($('follow-code'), code);
  const link = linkToken();
  if (link) await followLink(link);
  $('follow-mail-card').append(followMailForm(code));
  $('follow-rating-form').addEventListener('submit', submitRating);
  const found = await reload();
  $('follow-status').removeAttribute('data-i18n');
  if (found.status !== 200) {
    setText($('follow-status'), t(found.status === 404 ? 'follow.notfound'
      : found.status === 429 ? 'follow.tooFast' : 'home.error.unavailable'));
    return;
  }
  setHidden($('follow-status'), true);
  render();
}

start();
