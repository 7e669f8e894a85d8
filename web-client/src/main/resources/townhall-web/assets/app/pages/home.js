// Entry of /home, the organizer's home: the sessions of my organizations (upcoming, live, past) with search, and
// a form to schedule one; its moderator, stage and speaker links are shown once created. Signed out: to /login.

import { call, when } from '../home-api.js';
import { initLanguage, lang, onLangChange, t } from '../i18n.js';
import { el, setHidden, setText } from '../views/dom.js';

const $ = (id) => document.getElementById(id);
const state = { me: null, csrf: null, sessions: [], query: '' };

function showError(key) {
  setText($('home-error'), t(key));
  setHidden($('home-error'), false);
}

function group(status) {
  if (status === 'scheduled') return 'home-upcoming';
  if (status === 'closed') return 'home-past';
  return 'home-live';
}

function render() {
  for (const id of ['home-upcoming', 'home-live', 'home-past']) $(id).replaceChildren();
  const query = state.query.toLocaleLowerCase();
  for (const { org, session } of state.sessions) {
    const text = `${session.title} ${session.place} ${org}`.toLocaleLowerCase();
    if (query && !text.includes(query)) continue;
    const item = el('li', 'home-item');
    item.append(el('h3', null, session.title));
    item.append(el('p', 'hint', `${org} · ${t(`home.status.${session.status}`)}`));
    if (session.scheduledStart) item.append(el('p', null, when(session.scheduledStart, lang())));
    if (session.place) item.append(el('p', null, session.place));
    const links = el('div', 'home-links');
    if (session.code) {
      const join = el('a', null, t('home.join', { code: session.code }));
      join.href = `/j/${session.code}`;
      links.append(join);
    }
    if (session.record) {
      const record = el('a', null, t('home.record'));
      record.href = session.record;
      links.append(record);
    }
    item.append(links);
    $(group(session.status)).append(item);
  }
}

async function loadSessions() {
  const orgs = [...new Set(state.me.roles.map((r) => r.organization))];
  const lists = await Promise.all(orgs.map((slug) => call(`/api/orgs/${encodeURIComponent(slug)}/sessions`)));
  state.sessions = [];
  lists.forEach((answer, i) => {
    for (const session of answer.json?.sessions ?? []) state.sessions.push({ org: orgs[i], session });
  });
  render();
}

function isoOrNull(input) {
  return input.value ? new Date(input.value).toISOString() : null;
}

async function create(event) {
  event.preventDefault();
  setHidden($('home-error'), true);
  const body = { title: $('home-title').value, organization: $('home-org').value };
  for (const [field, id] of [['scheduledStart', 'home-start'], ['scheduledEnd', 'home-end'],
    ['questionsOpenFrom', 'home-open']]) {
    const value = isoOrNull($(id));
    if (value) body[field] = value;
  }
  for (const [field, id] of [['place', 'home-place'], ['agenda', 'home-agenda'], ['series', 'home-series']]) {
    const value = $(id).value.trim();
    if (value) body[field] = value;
  }
  const answer = await call('/api/sessions', { method: 'POST', body, csrf: state.csrf });
  if (answer.status !== 201) {
    showError(answer.status === 403 ? 'home.error.forbidden' : answer.status === 400 ? 'home.error.input'
      : 'home.error.unavailable');
    return;
  }
  const out = $('home-created');
  out.replaceChildren(el('p', null, t('home.created', { code: answer.json.code })));
  for (const key of ['moderator', 'stage', 'speaker']) {
    const a = el('a', null, t(`home.link.${key}`));
    a.href = answer.json.links[key];
    out.append(el('p', null), a);
  }
  $('home-create').reset();
  await loadSessions();
}

async function logout() {
  await call('/api/logout', { method: 'POST', csrf: state.csrf });
  window.location.assign('/login');
}

async function start() {
  initLanguage($('lang-switch'));
  document.title = `${t('home.title')} · Townhall`;
  onLangChange(() => {
    document.title = `${t('home.title')} · Townhall`;
    render();
  });
  const me = await call('/api/me');
  if (me.status === 401) {
    window.location.assign('/login');
    return;
  }
  if (me.status !== 200) {
    showError('home.error.unavailable');
    return;
  }
  state.me = me.json.account;
  state.csrf = me.json.csrfToken;
  setText($('home-who'), state.me.roles.map((r) => `${r.organization}: ${t(`role.${r.role}`)}`).join(' · '));
  const select = $('home-org');
  for (const slug of new Set(state.me.roles.map((r) => r.organization))) {
    const option = el('option', null, slug);
    option.value = slug;
    select.append(option);
  }
  $('home-create').addEventListener('submit', create);
  $('home-logout').addEventListener('click', logout);
  $('home-search').addEventListener('input', (event) => {
    state.query = event.target.value.trim();
    render();
  });
  await loadSessions();
}

start();
