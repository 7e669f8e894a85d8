// Entry of the record page (/r/<id>, or /r/<id>#token=<moderator token> for a moderator's full copy): the session's
// record with its totals, final hash, charts and every question with its fate, searchable and filterable by fate;
// downloads as JSON and CSV; printable as the official minutes (record.css, @media print). Opened as
// /r/<id>#preview from the console or the organizer page (which hand over their token, token-handoff.js): the
// preview of exactly what will be public, with counts of what it leaves out, and for the organizer Publish and
// Withdraw (with a reason the record keeps).

import { initLanguage, onLangChange, t, useSessionLocale } from '../i18n.js';
import { takeLinkToken } from '../link-token.js';
import {
  RecordError, downloadRecord, fetchPreview, fetchRecord, publishRecord, unpublishRecord,
} from '../record-data.js';
import { FATES, dateTime, duration, matches } from '../record-text.js';
import { storage } from '../storage.js';
import { PREVIEW_FRAGMENT, askForHandoff } from '../token-handoff.js';
import { el, setHidden, setText } from '../views/dom.js';
import { RecordCharts } from '../views/record-charts.js';
import { RecordPolls } from '../views/record-polls.js';
import { RecordClassified, fetchClassification, topicName } from '../views/record-classified.js';
import { renderQuestion } from '../views/record-question.js';
import { CLASSIFY_FRAGMENT, RecordClassify } from '../views/record-classify.js';

const $ = (id) => document.getElementById(id);
const TOTALS = ['participants', 'questions', 'answered', 'merged', 'rejected', 'open', 'withdrawn', 'archived'];

const state = {
  id: null,
  token: null,
  kind: null, // who handed the token over for a preview: 'moderator' or 'organizer' (who may publish)
  preview: null, // in a preview: {published, withheld, textsNotShown, privateReasons}
  previewMode: false,
  withdrawing: false,
  busy: false,
  note: null, // {key, params}
  record: null,
  failure: null, // a RecordError
  query: '',
  fate: 'all',
  topic: 'all', // a topic key, '' for questions without one, or 'all'
  lists: null, // the session's topics and areas (names by key)
  items: new Map(), // question id -> its list item
  classify: null, // opened as /r/<id>#classify: the topic and area editors (record-classify.js)
};

function sessionIdFromPath(pathname) {
  const match = /^\/r\/([^/]+)\/?$/.exec(pathname);
  return match ? decodeURIComponent(match[1]) : null;
}

function show(section) {
  for (const id of ['rec-loading', 'rec-withheld', 'rec-notfound', 'rec-failed', 'rec-body']) {
    setHidden($(id), id !== section);
  }
}

// --- loading ---------------------------------------------------------------------------------------------------

async function load() {
  show('rec-loading');
  try {
    if (state.previewMode && state.token) {
      const { record, ...preview } = await fetchPreview(state.id, state.token);
      state.record = record;
      state.preview = preview;
    } else {
      state.record = await fetchRecord(state.id, state.token);
    }
    state.failure = null;
    useSessionLocale(state.record.session.locale);
    renderRecord();
  } catch (error) {
    state.record = null;
    state.failure = error instanceof RecordError ? error : new RecordError(0, 'network');
    renderFailure();
  }
}

function renderFailure() {
  const { status } = state.failure;
  setText($('rec-title'), t('rec.kicker'));
  document.title = 'Townhall';
  if (status === 401 || status === 403) {
    show('rec-withheld');
  } else if (status === 404) {
    show('rec-notfound');
  } else {
    setText($('rec-failed-detail'), status === 0 ? t('rec.failed.network') : t('rec.failed.server', { status }));
    show('rec-failed');
  }
}

// --- the record ------------------------------------------------------------------------------------------------

function renderRecord() {
  const { record } = state;
  const { session } = record;
  show('rec-body');
  setHidden($('rec-print'), false);
  document.title = t('rec.page.title', { title: session.title });
  setText($('rec-title'), session.title);
  renderMeta();
  renderPreview();
  renderTotals();
  setText($('rec-hash'), record.chain.finalHash ?? t('rec.hash.none'));
  setText($('rec-votes-note'), t(record.votesFinal ? 'rec.votes.final' : 'rec.votes.live'));
  setText($('rec-generated'), t('rec.generated', { time: dateTime(record.generatedAt) }));
  charts.render(record);
  polls.render(record);
  classified.render(record, state.lists);
  renderTopicOptions();
  renderQuestions();
}

function renderMeta() {
  const { session } = state.record;
  const parts = [t('rec.meta.created', { time: dateTime(session.createdAt) })];
  if (session.closedAt !== null) parts.push(t('rec.meta.closed', { time: dateTime(session.closedAt) }));
  const items = parts.map((text) => el('span', 'rec-meta-item', text));
  const status = el('span', 'session-status', t(`status.${session.status}`));
  status.dataset.status = session.status;
  const published = el('span', 'rec-meta-item', session.publishedAt !== null
    ? t('rec.meta.published', { time: dateTime(session.publishedAt) }) : t('rec.meta.unpublished'));
  $('rec-meta').replaceChildren(...items, status, published);
}

function renderTotals() {
  const { totals } = state.record;
  const rows = TOTALS.map((name) => {
    const row = el('div', 'rec-total');
    row.dataset.total = name;
    row.append(el('dt', '', t(`rec.total.${name}`)), el('dd', '', String(totals[name])));
    return row;
  });
  const median = el('div', 'rec-total');
  median.dataset.total = 'median';
  median.append(el('dt', '', t('rec.total.median')),
    el('dd', '', totals.medianTimeToAnswerMs === null ? '—' : duration(totals.medianTimeToAnswerMs)));
  $('rec-totals').replaceChildren(...rows, median);
  renderChannels();
}

/**
 * Questions by channel (a record written before channels has none): every channel with a question, as the ward's
 * minutes count them ("9 spoken, 1 paper slip").
 */
function renderChannels() {
  const byChannel = state.record.totals.byChannel ?? {};
  const rows = Object.entries(byChannel).filter(([, n]) => n > 0).map(([channel, n]) => {
    const row = el('div', 'rec-total');
    row.dataset.channel = channel;
    row.append(el('dt', '', t(`clerk.channel.${channel}`)), el('dd', '', String(n)));
    return row;
  });
  $('rec-channels').replaceChildren(...rows);
  setHidden($('rec-channels'), rows.length === 0);
  setHidden($('rec-channels-heading'), rows.length === 0);
}

// --- the preview, publishing and withdrawing --------------------------------------------------------------------

function renderPreview() {
  const { session } = state.record;
  const preview = state.preview;
  setHidden($('rec-preview'), !preview && session.publishedAt !== null);
  setText($('rec-preview-lead'), t(preview ? 'rec.preview.public' : 'rec.preview.body'));
  setHidden($('rec-preview-state'), !preview);
  setHidden($('rec-preview-counts-box'), !preview);
  const organizer = Boolean(preview) && state.kind === 'organizer';
  setHidden($('rec-preview-actions'), !organizer);
  setHidden($('rec-preview-who'), !preview || organizer);
  setText($('rec-preview-note'), state.note ? t(state.note.key, state.note.params) : '');
  if (!preview) {
    setHidden($('rec-withdraw-form'), true);
    return;
  }
  setText($('rec-preview-state'), t(preview.published ? 'rec.preview.published' : 'rec.preview.unpublished'));
  const count = (name, label, value) => {
    const row = el('div', 'rec-total');
    row.dataset.count = name;
    row.append(el('dt', '', label), el('dd', '', String(value)));
    return row;
  };
  const rows = [count('texts', t('rec.preview.texts'), preview.textsNotShown ?? 0),
    count('reasons', t('rec.preview.reasons'), preview.privateReasons ?? 0)];
  for (const [category, n] of Object.entries(preview.withheld ?? {})) {
    rows.push(count(`withheld-${category}`, t('rec.preview.withheld', { category: t(`rec.category.${category}`) }), n));
  }
  $('rec-preview-counts').replaceChildren(...rows);
  $('rec-publish').hidden = preview.published;
  $('rec-withdraw').hidden = !preview.published || state.withdrawing;
  $('rec-publish').disabled = state.busy;
  $('rec-withdraw').disabled = state.busy;
  $('rec-withdraw-confirm').disabled = state.busy;
  setHidden($('rec-withdraw-form'), !organizer || !preview.published || !state.withdrawing);
}

async function publish() {
  state.busy = true;
  state.note = null;
  renderPreview();
  try {
    await publishRecord(state.id, state.token);
    state.note = { key: 'rec.publish.done' };
  } catch (error) {
    state.note = { key: 'rec.action.failed', params: { status: error.status ?? 0 } };
  }
  state.busy = false;
  await reloadPreview();
}

async function withdraw(event) {
  event.preventDefault();
  const reason = $('rec-withdraw-reason').value.trim();
  if (!reason) {
    state.note = { key: 'rec.withdraw.needed' };
    renderPreview();
    $('rec-withdraw-reason').focus();
    return;
  }
  state.busy = true;
  state.note = null;
  renderPreview();
  try {
    await unpublishRecord(state.id, state.token, reason);
    state.note = { key: 'rec.withdraw.done' };
    state.withdrawing = false;
    $('rec-withdraw-reason').value = '';
  } catch (error) {
    state.note = { key: 'rec.action.failed', params: { status: error.status ?? 0 } };
  }
  state.busy = false;
  await reloadPreview();
}

/** Reads the preview again after publishing or withdrawing: the chain has a new entry, the page shows it. */
async function reloadPreview() {
  try {
    const { record, ...preview } = await fetchPreview(state.id, state.token);
    state.record = record;
    state.preview = preview;
    renderRecord();
  } catch {
    renderPreview();
  }
  $('rec-preview-note').scrollIntoView({ block: 'nearest' });
}

// --- questions, search and filter ------------------------------------------------------------------------------

function renderQuestions() {
  const { record } = state;
  state.items = new Map();
  const items = record.questions.map((question) => {
    const item = renderQuestion(question, record.session.createdAt);
    const editor = state.classify?.editor(question, state.lists);
    if (editor) item.append(editor);
    state.items.set(question.id, item);
    return item;
  });
  $('rec-list').replaceChildren(...items);
  if (state.classify) $('rec-list').before(state.classify.renderBanner());
  renderFateOptions();
  applyFilter();
}

function renderFateOptions() {
  const { questions } = state.record;
  const count = (fate) => questions.filter((q) => q.fate === fate).length;
  const all = el('option', '', t('rec.filter.all', { count: questions.length }));
  all.value = 'all';
  const options = FATES.map((fate) => {
    const option = el('option', '', t('rec.filter.option', { fate: t(`rec.fate.${fate}`), count: count(fate) }));
    option.value = fate;
    return option;
  });
  $('rec-fate').replaceChildren(all, ...options);
  $('rec-fate').value = state.fate;
}

/** Hides (on screen only: print shows every question) those that do not match the search and the fate chosen. */
function applyFilter() {
  const { questions } = state.record;
  let shown = 0;
  for (const question of questions) {
    const visible = (state.fate === 'all' || question.fate === state.fate) && matches(question, state.query)
      && (state.topic === 'all' || (question.topic ?? '') === state.topic);
    state.items.get(question.id)?.classList.toggle('is-filtered-out', !visible);
    if (visible) shown += 1;
  }
  setText($('rec-count'), shown === 0 && questions.length > 0 ? t('rec.empty')
    : t('rec.count', { shown, total: questions.length }));
}

// --- actions ---------------------------------------------------------------------------------------------------

async function download(format) {
  setText($('rec-download-note'), '');
  try {
    const { blob, name } = await downloadRecord(state.id, state.token, format);
    const url = URL.createObjectURL(blob);
    const link = el('a');
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  } catch {
    setText($('rec-download-note'), t('rec.download.failed'));
  }
}

const classified = new RecordClassified({ box: $('rec-classified-box'), chart: $('rec-chart-topics') });

/** The topic filter: every topic the record's questions have, and "no topic". */
function renderTopicOptions() {
  const all = el('option', null, t('rec.classified.allTopics'));
  all.value = 'all';
  const keys = [...new Set(state.record.questions.map((q) => q.topic ?? ''))];
  const options = keys.map((key) => {
    const option = el('option', null, topicName(state.lists, key === '' ? null : key));
    option.value = key;
    return option;
  });
  $('rec-topic').replaceChildren(all, ...options);
  $('rec-topic').value = keys.includes(state.topic) ? state.topic : 'all';
}

/** After a question was classified: the record read again (its summary and charts follow), focus kept there. */
async function reloadClassified(questionId) {
  try {
    state.record = await fetchRecord(state.id, state.token);
    renderRecord();
  } catch {
    // the classification is chained; the page shows it when read again
  }
  state.items.get(questionId)?.querySelector('.rec-classify-select')?.focus();
}

const charts = new RecordCharts({
  participation: $('rec-chart-participation'),
  questions: $('rec-chart-questions'),
  fates: $('rec-chart-fates'),
  missing: $('rec-charts-missing'),
});
const polls = new RecordPolls({ section: $('rec-polls'), list: $('rec-poll-list') });

async function main() {
  initLanguage($('lang-switch'));
  setText($('rec-title'), t('page.loading'));
  state.id = sessionIdFromPath(window.location.pathname);
  if (!state.id) {
    show('rec-notfound');
    return;
  }
  state.token = takeLinkToken({
    get: () => storage.moderatorToken(state.id),
    set: (token) => storage.setModeratorToken(state.id, token),
  });
  if (window.location.hash === `#${CLASSIFY_FRAGMENT}`) {
    // from /home: the sign-in cookie and its CSRF token classify; the server decides who may
    state.classify = new RecordClassify(state.id, reloadClassified);
    state.classify.start().then(() => {
      if (state.record) renderRecord();
    });
  }
  if (window.location.hash === `#${PREVIEW_FRAGMENT}`) {
    // opened from the console's or the organizer page's link: the token comes from that page, never through the
    // address; the organizer's (the admin token) stays in this page's memory only
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
    const handed = await askForHandoff(state.id);
    if (handed) {
      state.previewMode = true;
      state.kind = handed.kind;
      state.token = handed.token;
      if (handed.kind === 'moderator') storage.setModeratorToken(state.id, handed.token);
    } else if (state.token) {
      state.previewMode = true;
      state.kind = 'moderator';
    }
  }
  $('rec-search').addEventListener('input', (event) => {
    state.query = event.target.value;
    applyFilter();
  });
  $('rec-fate').addEventListener('change', (event) => {
    state.fate = event.target.value;
    applyFilter();
  });
  $('rec-topic').addEventListener('change', (event) => {
    state.topic = event.target.value;
    applyFilter();
  });
  $('rec-download-json').addEventListener('click', () => download('json'));
  $('rec-download-csv').addEventListener('click', () => download('csv'));
  $('rec-print').addEventListener('click', () => window.print());
  $('rec-retry').addEventListener('click', load);
  $('rec-publish').addEventListener('click', publish);
  $('rec-withdraw').addEventListener('click', () => {
    state.withdrawing = true;
    state.note = null;
    renderPreview();
    $('rec-withdraw-reason').focus();
  });
  $('rec-withdraw-cancel').addEventListener('click', () => {
    state.withdrawing = false;
    renderPreview();
    $('rec-withdraw').focus();
  });
  $('rec-withdraw-form').addEventListener('submit', withdraw);
  onLangChange(() => {
    if (state.record) renderRecord();
    else if (state.failure) renderFailure();
  });
  // Chart.js is a deferred classic script: it has run before this module (modules are deferred too, and run in
  // document order after it), so the charts can be drawn with the first render. The topics' names come with it.
  fetchClassification(state.id).then((lists) => {
    state.lists = lists;
    if (state.record) renderRecord();
  });
  load();
}

main();
