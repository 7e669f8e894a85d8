// Entry of /f/<code>: anyone follows one question by its follow-up code, without an account: the question, every
// step of its follow-up (referred to which agency, due when) and the answer, with their dates. Only what the public
// record shows; user text rendered as text.

import { call } from '../home-api.js';
import { initLanguage, lang, onLangChange, t } from '../i18n.js';
import { el, setHidden, setText, setUserText } from '../views/dom.js';
import { fileList } from '../views/answer-files.js';

const $ = (id) => document.getElementById(id);
const code = decodeURIComponent((/^\/f\/([^/]+)\/?$/.exec(window.location.pathname) ?? [])[1] ?? '');
let followed = null;

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
    setUserText(a, step.agency);
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
}

async function start() {
  initLanguage($('lang-switch'));
  onLangChange(render);
  setText($('follow-code'), code);
  const found = await call(`/api/follow/${encodeURIComponent(code)}`);
  $('follow-status').removeAttribute('data-i18n');
  if (found.status !== 200) {
    setText($('follow-status'), t(found.status === 404 ? 'follow.notfound'
      : found.status === 429 ? 'follow.tooFast' : 'home.error.unavailable'));
    return;
  }
  followed = found.json;
  setHidden($('follow-status'), true);
  render();
}

start();
