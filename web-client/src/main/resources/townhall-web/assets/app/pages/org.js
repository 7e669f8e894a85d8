// Entry of /o/<slug>, an organization's public page: its upcoming sessions (when, where, agenda, "ask now" while
// questions are open) and its past ones with their published records; a link to its iCalendar feed.

import { call, when } from '../home-api.js';
import { initLanguage, lang, onLangChange, t } from '../i18n.js';
import { el, setHidden, setText } from '../views/dom.js';

const $ = (id) => document.getElementById(id);
const slug = decodeURIComponent((/^\/o\/([^/]+)\/?$/.exec(window.location.pathname) ?? [])[1] ?? '');
const state = { org: null, sessions: [] };

function item(session) {
  const li = el('li', 'home-item');
  li.append(el('h3', null, session.title));
  if (session.scheduledStart) li.append(el('p', null, when(session.scheduledStart, lang(), state.org.timeZone)));
  if (session.place) li.append(el('p', null, session.place));
  if (session.agenda) li.append(el('p', 'home-agenda', session.agenda));
  const links = el('div', 'home-links');
  const asking = session.code && (session.status === 'open'
    || (session.status === 'scheduled' && session.questionsOpenFrom
      && new Date(session.questionsOpenFrom) <= new Date()));
  if (asking) {
    const ask = el('a', 'button primary', t('opage.ask'));
    ask.href = `/j/${session.code}`;
    links.append(ask);
  }
  if (session.record) {
    const record = el('a', null, t('opage.record'));
    record.href = session.record;
    links.append(record);
  }
  li.append(links);
  return li;
}

function render() {
  if (!state.org) return;
  document.title = `${state.org.name} · Townhall`;
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
  $('opage-calendar').href = `/o/${encodeURIComponent(slug)}/calendar.ics`;
  const [org, sessions] = await Promise.all([call(`/api/orgs/${encodeURIComponent(slug)}`),
    call(`/api/orgs/${encodeURIComponent(slug)}/sessions`)]);
  if (org.status !== 200 || sessions.status !== 200) {
    setText($('opage-name'), t(org.status === 404 ? 'opage.notfound' : 'home.error.unavailable'));
    return;
  }
  state.org = org.json;
  state.sessions = sessions.json.sessions;
  $('opage-name').removeAttribute('data-i18n');
  setText($('opage-name'), state.org.name);
  render();
}

start();
