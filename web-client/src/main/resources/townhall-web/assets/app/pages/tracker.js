// Entry of /o/<slug>/follow-up, the public follow-up tracker: every open item of the organization and those below
// it (wards of a district, their agencies) with its agency, due date and days overdue, and per agency the items
// answered on time, late, open and overdue with the askers' satisfaction, as a chart and a table. Filters by
// session, series, agency and topic (the topic filter only when some question has a topic) are kept in the address,
// so a filtered view can be shared. Only what the published records show; user text rendered as text.

import { call } from '../home-api.js';
import { initLanguage, lang, onLangChange, t } from '../i18n.js';
import { el, setHidden, setText, setUserText } from '../views/dom.js';

const $ = (id) => document.getElementById(id);
const slug = decodeURIComponent((/^\/o\/([^/]+)\/follow-up\/?$/.exec(window.location.pathname) ?? [])[1] ?? '');
const FILTERS = ['session', 'series', 'agency', 'topic'];
const COLORS = { onTime: '#1b6b3a', late: '#b35c00', waiting: '#1f4fa3', overdue: '#a3231b' };
const state = { data: null, topics: new Map(), chart: null };

function filters() {
  const params = new URLSearchParams(window.location.search);
  const chosen = {};
  for (const name of FILTERS) {
    if (params.get(name)) chosen[name] = params.get(name);
  }
  return chosen;
}

function query(extra = {}) {
  const params = new URLSearchParams({ ...filters(), ...extra });
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** A due date YYYY-MM-DD as a date of the reader's language (it names a day, not an instant). */
function day(text) {
  const [y, m, d] = text.split('-').map(Number);
  return new Intl.DateTimeFormat(lang(), { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

function percent(rate) {
  return rate === null || rate === undefined ? t('track.rate.none')
    : new Intl.NumberFormat(lang(), { style: 'percent', maximumFractionDigits: 0 }).format(rate);
}

function topicName(key) {
  const topic = state.topics.get(key);
  if (!topic) return key;
  return (lang() === 'en' ? topic.name_en : topic.name_vi) || key;
}

function options(select, all, choices, chosen) {
  const first = el('option', null, all);
  first.value = '';
  const list = [first];
  for (const choice of choices) {
    const option = el('option', null, choice.label);
    option.value = choice.value;
    if (choice.userText) option.lang = '';
    list.push(option);
  }
  select.replaceChildren(...list);
  select.value = chosen ?? '';
}

function renderFilters() {
  const { choices, filters: chosen } = state.data;
  options($('track-session'), t('track.filter.all'),
    choices.sessions.map((s) => ({ value: s.id, label: s.title, userText: true })), chosen.session);
  options($('track-series'), t('track.filter.all'),
    choices.series.map((s) => ({ value: s.key, label: s.title || s.key, userText: true })), chosen.series);
  options($('track-agency'), t('track.filter.all'),
    choices.agencies.map((a) => ({ value: a.slug, label: a.name, userText: true })), chosen.agency);
  const topics = choices.topics.length > 0;
  setHidden($('track-topic'), !topics);
  setHidden($('track-topic-label'), !topics);
  if (topics) {
    options($('track-topic'), t('track.filter.all'), choices.topics.map((k) => ({ value: k, label: topicName(k) })),
      chosen.topic);
  }
  $('track-csv').href = `/api/orgs/${encodeURIComponent(slug)}/follow-up${query({ format: 'csv', lang: lang() })}`;
}

function renderTotals() {
  const totals = state.data.totals;
  const rows = [
    ['track.col.open', totals.open], ['track.col.overdue', totals.overdue],
    ['track.col.onTime', totals.answeredOnTime], ['track.col.late', totals.answeredLate],
    ['track.col.satisfaction', percent(totals.satisfactionRate)],
  ];
  const nodes = [];
  for (const [key, value] of rows) {
    const div = el('div', 'track-total');
    div.append(el('dt', null, t(key)), el('dd', null, String(value)));
    nodes.push(div);
  }
  $('track-totals').replaceChildren(...nodes);
}

function openItem(item) {
  const li = el('li', 'home-item track-item');
  const text = el('p', 'track-text');
  if (item.text === null) setText(text, t('track.withheld'));
  else setUserText(text, item.text);
  li.append(text);
  const session = el('p', 'track-session');
  session.append(`${t('track.session')} `);
  const a = el('a');
  setUserText(a, item.session.title);
  a.href = item.session.record;
  session.append(a);
  li.append(session);
  const agency = el('p', 'track-agency');
  agency.append(`${t(`follow.step.${item.step}`)} · `);
  const name = el('span');
  setUserText(name, item.agency.name);
  agency.append(name);
  li.append(agency);
  if (item.due) li.append(el('p', 'track-due', t('track.due', { date: day(item.due) })));
  if (item.daysOverdue > 0) li.append(el('p', 'track-overdue', t('track.overdue', { days: item.daysOverdue })));
  if (item.topic) li.append(el('p', 'track-topic', t('track.topic', { topic: topicName(item.topic) })));
  if (item.followCode) {
    const follow = el('p', 'track-code');
    follow.append(`${t('track.code')} `);
    follow.append(Object.assign(el('a', null, item.followCode), { href: `/f/${encodeURIComponent(item.followCode)}` }));
    li.append(follow);
  }
  return li;
}

/** The agencies by name, in the reader's language's order. */
function agenciesByName() {
  return [...state.data.agencies].sort((a, b) => a.agency.name.localeCompare(b.agency.name, lang()));
}

function renderAgencies() {
  const rows = agenciesByName().map((a) => {
    const tr = el('tr');
    const th = el('th');
    th.scope = 'row';
    setUserText(th, a.agency.name);
    tr.append(th);
    for (const value of [a.answeredOnTime, a.answeredLate, a.open, a.overdue, a.closed, percent(a.satisfactionRate)]) {
      tr.append(el('td', null, String(value)));
    }
    return tr;
  });
  $('track-agency-rows').replaceChildren(...rows);
  renderChart();
}

function renderChart() {
  state.chart?.destroy();
  state.chart = null;
  const Chart = window.Chart;
  const agencies = agenciesByName();
  setHidden($('track-chart-missing'), Boolean(Chart));
  setHidden($('track-chart-box'), !Chart || agencies.length === 0);
  if (!Chart || agencies.length === 0) return;
  $('track-chart-box').style.height = `${Math.max(10, agencies.length * 3 + 6)}rem`;
  $('track-chart').setAttribute('aria-label', agencies.map((a) => t('track.chart.summary', {
    agency: a.agency.name, onTime: a.answeredOnTime, late: a.answeredLate, open: a.open, overdue: a.overdue,
  })).join('; '));
  const text = getComputedStyle(document.body).color;
  const series = (key, color, values) => ({ label: t(key), data: values, backgroundColor: color });
  state.chart = new Chart($('track-chart'), {
    type: 'bar',
    data: {
      labels: agencies.map((a) => a.agency.name),
      datasets: [
        series('track.col.onTime', COLORS.onTime, agencies.map((a) => a.answeredOnTime)),
        series('track.col.late', COLORS.late, agencies.map((a) => a.answeredLate)),
        series('track.waiting', COLORS.waiting, agencies.map((a) => a.open - a.overdue)),
        series('track.col.overdue', COLORS.overdue, agencies.map((a) => a.overdue)),
      ],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      indexAxis: 'y',
      plugins: { legend: { position: 'bottom', labels: { color: text } } },
      scales: {
        x: { stacked: true, beginAtZero: true, ticks: { color: text, precision: 0 } },
        y: { stacked: true, ticks: { color: text } },
      },
    },
  });
}

function render() {
  if (!state.data) return;
  const org = state.data.organization;
  document.title = `${t('track.title')} · ${org.name} · Townhall`;
  setUserText($('track-org'), org.name);
  setText($('track-today'), t('track.today', { date: day(state.data.today) }));
  renderFilters();
  renderTotals();
  $('track-open').replaceChildren(...state.data.open.map(openItem));
  setHidden($('track-open-none'), state.data.open.length > 0);
  renderAgencies();
}

async function load() {
  const found = await call(`/api/orgs/${encodeURIComponent(slug)}/follow-up${query()}`);
  $('track-status').removeAttribute('data-i18n');
  if (found.status !== 200) {
    setHidden($('track-status'), false);
    setText($('track-status'), t(found.status === 404 ? 'opage.notfound' : 'home.error.unavailable'));
    return;
  }
  state.data = found.json;
  setHidden($('track-status'), true);
  render();
}

/** The organization's topics, for their names (none until topics exist: the keys are shown). */
async function loadTopics() {
  const found = await call(`/api/orgs/${encodeURIComponent(slug)}/topics`);
  if (found.status === 200 && Array.isArray(found.json?.topics)) {
    for (const topic of found.json.topics) state.topics.set(topic.key, topic);
  }
}

function onFilter() {
  const params = new URLSearchParams();
  for (const name of FILTERS) {
    const value = $(`track-${name}`).value;
    if (value) params.set(name, value);
  }
  const text = params.toString();
  window.history.replaceState(null, '', `${window.location.pathname}${text ? `?${text}` : ''}`);
  load();
}

async function start() {
  initLanguage($('lang-switch'));
  onLangChange(render);
  $('track-org').href = `/o/${encodeURIComponent(slug)}`;
  for (const name of FILTERS) $(`track-${name}`).addEventListener('change', onFilter);
  $('track-filters').addEventListener('submit', (event) => event.preventDefault());
  await Promise.all([loadTopics(), load()]);
  if (state.data) render();
}

start();
