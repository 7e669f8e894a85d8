// Entry of /o/<slug>, an organization's public page, and of /o/<slug>/series/<series>, one of its series: the
// upcoming sessions (when, where, agenda, who will answer, "ask now" while questions are open, a calendar file per
// session) and the past ones with their published records; a link to the organization's iCalendar feed.

import { call, when } from '../home-api.js';
import { initLanguage, lang, onLangChange, t } from '../i18n.js';
import { el, setHidden, setText, setUserText } from '../views/dom.js';

const $ = (id) => document.getElementById(id);
const path = /^\/o\/([^/]+)(?:\/series\/([^/]+))?\/?$/.exec(window.location.pathname) ?? [];
const slug = decodeURIComponent(path[1] ?? '');
const series = path[2] ? decodeURIComponent(path[2]) : null;
const state = { org: null, sessions: [] };

function userText(tag, className, text) {
  const node = el(tag, className);
  setUserText(node, text);
  return node;
}

function link(className, text, href) {
  const a = el('a', className, text);
  a.href = href;
  return a;
}

function item(session) {
  const li = el('li', 'home-item');
  li.id = session.id;
  li.append(userText('h3', null, session.title));
  if (session.scheduledStart) li.append(el('p', null, when(session.scheduledStart, lang(), state.org.timeZone)));
  if (session.place) li.append(el('p', null, t('opage.where', { place: session.place })));
  if (session.leaders?.length) {
    const names = session.leaders.map((l) => (l.title ? `${l.name}, ${l.title}` : l.name)).join('; ');
    li.append(el('p', null, t('opage.leaders', { names })));
  }
  if (session.agenda) li.append(userText('p', 'home-agenda', session.agenda));
  const links = el('div', 'home-links');
  const asking = session.code && (session.status === 'open'
    || (session.status === 'scheduled' && session.questionsOpenFrom
      && new Date(session.questionsOpenFrom) <= new Date()));
  if (asking) links.append(link('button primary', t('opage.ask'), `/j/${session.code}`));
  if (session.record) links.append(link(null, t('opage.record'), session.record));
  if (session.status !== 'closed' && session.scheduledStart && session.scheduledEnd) {
    links.append(link(null, t('opage.ics'), `/o/${encodeURIComponent(slug)}/sessions/${session.id}.ics`));
  }
  if (session.series && !series) {
    links.append(link(null, t('opage.series', { series: session.series }),
      `/o/${encodeURIComponent(slug)}/series/${encodeURIComponent(session.series)}`));
  }
  li.append(links);
  if (session.code && session.status !== 'closed') addStreamLink(session.id, links);
  return li;
}

/** The session's livestream link, when its organizer set one (GET /api/sessions/{id}/stream; https only). */
function addStreamLink(sessionId, links) {
  import('../api.js').then(({ streamSettings }) => streamSettings(sessionId)).then((settings) => {
    const url = settings?.streamUrl;
    if (typeof url !== 'string' || !url.startsWith('https://')) return;
    const a = link('stream-link', t('stream.watch'), url);
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    links.append(a);
  }).catch(() => {});
}

function render() {
  if (!state.org) return;
  document.title = `${state.org.name} · Townhall`;
  if (series) setText($('opage-series'), t('opage.series', { series }));
  $('opage-upcoming').replaceChildren();
  $('opage-past').replaceChildren();
  let upcoming = 0;
  for (const session of state.sessions) {
    const past = session.status === 'closed';
    if (!past) upcoming += 1;
    $(past ? 'opage-past' : 'opage-upcoming').append(item(session));
  }
  setHidden($('opage-upcoming-none'), upcoming > 0);
}

async function start() {
  initLanguage($('lang-switch'));
  onLangChange(render);
  const base = `/o/${encodeURIComponent(slug)}`;
  $('opage-calendar').href = `${base}/calendar.ics`;
  $('opage-follow-up').href = `${base}/follow-up`;
  if (series) {
    $('opage-all').href = base;
    setHidden($('opage-all'), false);
    setHidden($('opage-series'), false);
  }
  const list = series ? `/api/orgs/${encodeURIComponent(slug)}/series/${encodeURIComponent(series)}`
    : `/api/orgs/${encodeURIComponent(slug)}/sessions`;
  const [org, sessions] = await Promise.all([call(`/api/orgs/${encodeURIComponent(slug)}`), call(list)]);
  if (org.status !== 200 || sessions.status !== 200) {
    const missing = series && org.status === 200 ? 'opage.series.notfound' : 'opage.notfound';
    setText($('opage-name'), t(org.status === 404 || sessions.status === 404 ? missing : 'home.error.unavailable'));
    $('opage-name').removeAttribute('data-i18n');
    return;
  }
  state.org = org.json;
  state.sessions = sessions.json.sessions;
  $('opage-name').removeAttribute('data-i18n');
  setText($('opage-name'), state.org.name);
  render();
}

start();
