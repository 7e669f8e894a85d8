// Entry of /inbox/<agency>: the questions referred (or referred up) to an agency that wait for its written answer,
// earliest due first (the overdue lead, with their days overdue); per question a private draft, its files (PDF or
// image, checked by the server from their bytes) and, for whoever may, publishing it. Signed out: to /login. User
// text rendered as text only.

import { call } from '../home-api.js';
import { initLanguage, lang, onLangChange, t } from '../i18n.js';
import { el, setHidden, setText, setUserText } from '../views/dom.js';
import { fileList } from '../views/answer-files.js';

const $ = (id) => document.getElementById(id);
const slug = decodeURIComponent((/^\/inbox\/([^/]+)\/?$/.exec(window.location.pathname) ?? [])[1] ?? '');
const state = { csrf: null, inbox: null, files: new Map() };

function key(item) {
  return `${item.sessionId}/${item.questionId}`;
}

function base(item) {
  return `/api/sessions/${encodeURIComponent(item.sessionId)}/questions/${encodeURIComponent(item.questionId)}`;
}

/** A due date YYYY-MM-DD as a date of the reader's language (a day, not an instant). */
function due(text) {
  const [y, m, d] = text.split('-').map(Number);
  return new Intl.DateTimeFormat(lang(), { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

function errorText(status) {
  if (status === 401 || status === 403) return t('home.error.forbidden');
  if (status === 400 || status === 413) return t('inbox.error.file');
  return t('home.error.unavailable');
}

function button(textKey, onClick, primary = false) {
  const b = el('button', primary ? 'button primary' : 'button', t(textKey));
  b.type = 'button';
  b.addEventListener('click', onClick);
  return b;
}

async function upload(item, input, status) {
  const file = input.files?.[0];
  if (!file) return;
  let response;
  try {
    response = await fetch(`${base(item)}/attachments?name=${encodeURIComponent(file.name)}`, {
      method: 'POST', credentials: 'same-origin', body: file,
      headers: { 'X-CSRF-Token': state.csrf, Accept: 'application/json' },
    });
  } catch {
    setText(status, t('home.error.unavailable'));
    return;
  }
  input.value = '';
  setText(status, response.status === 201 ? t('inbox.file.added') : errorText(response.status));
  await loadFiles(item);
  render();
}

async function loadFiles(item) {
  const answer = await call(`${base(item)}/attachments`);
  if (answer.status === 200) state.files.set(key(item), answer.json.attachments);
}

function itemView(item) {
  const li = el('li', 'card inbox-item');
  const id = key(item).replace(/[^A-Za-z0-9]/g, '-');
  const heading = el('h2', 'inbox-due', t('inbox.due', { date: due(item.due) }));
  if (item.overdue) heading.append(el('span', 'inbox-overdue', t('inbox.overdue', { days: item.daysOverdue })));
  const text = el('p', 'follow-text');
  setUserText(text, item.text);
  li.append(heading, text);
  if (item.followCode) {
    const a = el('a', null, t('inbox.follow', { code: item.followCode }));
    a.href = `/f/${encodeURIComponent(item.followCode)}`;
    const p = el('p', 'hint');
    p.append(a);
    li.append(p);
  }
  const label = el('label', 'field-label', t('inbox.draft'));
  label.htmlFor = `draft-${id}`;
  const area = el('textarea');
  area.id = `draft-${id}`;
  area.maxLength = 5000;
  area.value = item.draft?.text ?? '';
  const status = el('p', 'hint');
  status.setAttribute('role', 'status');
  const actions = el('div', 'inbox-actions');
  actions.append(button('inbox.save', async () => {
    const saved = await call(`${base(item)}/draft`, { method: 'PUT', body: { text: area.value }, csrf: state.csrf });
    setText(status, saved.status === 200 ? t('inbox.saved') : errorText(saved.status));
    if (saved.status === 200) item.draft = saved.json;
  }));
  if (state.inbox.mayPublish) {
    actions.append(button('inbox.publish', async () => {
      const published = await call(`${base(item)}/draft/publish`, { method: 'POST', body: {}, csrf: state.csrf });
      if (published.status === 200) {
        await load();
        setText($('inbox-status'), t('inbox.published'));
        setHidden($('inbox-status'), false);
      } else {
        setText(status, published.status === 404 ? t('inbox.publish.noDraft') : errorText(published.status));
      }
    }, true));
  }
  const fileLabel = el('label', 'field-label', t('inbox.file.add'));
  fileLabel.htmlFor = `file-${id}`;
  const input = el('input');
  input.type = 'file';
  input.id = `file-${id}`;
  input.accept = '.pdf,.png,.jpg,.jpeg,.webp,application/pdf,image/png,image/jpeg,image/webp';
  input.addEventListener('change', () => upload(item, input, status));
  li.append(label, area, actions, fileLabel, input);
  const files = fileList(state.files.get(key(item)));
  if (files) li.append(files);
  li.append(status);
  return li;
}

function render() {
  if (!state.inbox) return;
  setText($('inbox-agency'), state.inbox.agency.name);
  setHidden($('inbox-publish-note'), state.inbox.mayPublish);
  setText($('inbox-publish-note'), t('inbox.publish.organizer'));
  const items = state.inbox.items;
  $('inbox-items').replaceChildren(...items.map(itemView));
  if (!items.length) {
    setText($('inbox-status'), t('inbox.empty'));
    setHidden($('inbox-status'), false);
  }
}

async function load() {
  const answer = await call(`/api/agencies/${encodeURIComponent(slug)}/inbox`);
  $('inbox-status').removeAttribute('data-i18n');
  if (answer.status === 401) {
    window.location.assign('/login');
    return;
  }
  if (answer.status !== 200) {
    setText($('inbox-error'), errorText(answer.status));
    setHidden($('inbox-error'), false);
    setHidden($('inbox-status'), true);
    return;
  }
  state.inbox = answer.json;
  await Promise.all(state.inbox.items.map(loadFiles));
  setHidden($('inbox-status'), true);
  render();
}

async function start() {
  initLanguage($('lang-switch'));
  document.title = `${t('inbox.title')} · Townhall`;
  onLangChange(() => {
    document.title = `${t('inbox.title')} · Townhall`;
    render();
  });
  const me = await call('/api/me');
  if (me.status === 401) {
    window.location.assign('/login');
    return;
  }
  state.csrf = me.json?.csrfToken;
  await load();
}

start();
