// Entry of /home, the signed-in account's home: the sessions of my organizations and those below (upcoming, live,
// past) with search; one form to schedule, edit or duplicate a session (place, agenda, leaders, series); per session
// its links (with a copy button; the tokens stay after '#', never in a query), closing and publishing its record, and
// for whoever may moderate there the moderator console; inviting people and adding organizations below mine; and
// the audit log of each organization. What each organization offers follows the server's `may`. Signed out: to
// /login.

import { call, when } from '../home-api.js';
import { hasString, initLanguage, lang, onLangChange, t } from '../i18n.js';
import { el, setHidden, setText, setUserText } from '../views/dom.js';
import { wireTopics } from '../views/home-topics.js';
import { wireEmbedding, wireSessionStream } from '../views/home-stream.js';

const $ = (id) => document.getElementById(id);
/** The topics and areas card (issue 17). */
const topics = wireTopics(() => state.csrf);
/** The livestream cards (issue 18): the organization's embedding sites, and one session's stream settings. */
const embedding = wireEmbedding(() => state.csrf);
const stream = wireSessionStream(() => state.csrf);
const state = {
  me: null, csrf: null, orgs: [], sessions: [], query: '', mode: { kind: 'create', session: null }, audit: [],
  /** The last invitation made on this page ({email, role, org, sent, link}), shown until the next; never stored. */
  invited: null,
  /** The organization this page added last ({name, slug}). */
  added: null,
};

/** The roles an inviter may grant where it holds `manage_people`; with only `invite_session_staff`, the staff. */
const ALL_ROLES = ['administrator', 'organizer', 'moderator', 'clerk', 'responder'];
const STAFF_ROLES = ['moderator', 'clerk'];
/** The kinds of organizations an administrator adds below its own. */
const KINDS = ['ward', 'district', 'agency', 'city'];

function may(slug, action) {
  return state.orgs.some((o) => o.slug === slug && (o.may ?? []).includes(action));
}

function orgsWhere(...actions) {
  return state.orgs.filter((o) => actions.some((a) => (o.may ?? []).includes(a)));
}

function showError(key) {
  setText($('home-error'), t(key));
  setHidden($('home-error'), false);
}

function errorKey(status) {
  if (status === 403 || status === 401) return 'home.error.forbidden';
  if (status === 400) return 'home.error.input';
  return 'home.error.unavailable';
}

function group(status) {
  if (status === 'scheduled') return 'home-upcoming';
  if (status === 'closed') return 'home-past';
  return 'home-live';
}

function leadersText(leaders) {
  return (leaders ?? []).map((l) => (l.title ? `${l.name}, ${l.title}` : l.name)).join('; ');
}

function button(key, onClick) {
  const b = el('button', 'button', t(key));
  b.type = 'button';
  b.addEventListener('click', onClick);
  return b;
}

function link(text, href) {
  const a = el('a', null, text);
  a.href = href;
  return a;
}

function item(session) {
  const li = el('li', 'home-item');
  const title = el('h3');
  setUserText(title, session.title);
  li.append(title);
  li.append(el('p', 'hint', `${session.organization} · ${t(`home.status.${session.status}`)}`));
  if (session.scheduledStart) li.append(el('p', null, when(session.scheduledStart, lang())));
  if (session.place) {
    const place = el('p');
    setUserText(place, session.place);
    li.append(place);
  }
  if (session.leaders?.length) {
    li.append(el('p', null, t('home.leaders.label', { names: leadersText(session.leaders) })));
  }
  const links = el('div', 'home-links');
  if (session.code) links.append(link(t('home.join', { code: session.code }), `/j/${session.code}`));
  if (session.record) links.append(link(t('home.record'), session.record));
  // classifying after the session (issue 17): the record page with a topic and area editor per question
  if (session.record && may(session.organization, 'moderate')) {
    links.append(link(t('home.classify'), `${session.record}#classify`));
  }
  links.append(link(t('home.publicPage'), `/o/${encodeURIComponent(session.organization)}#${session.id}`));
  li.append(links);
  const actions = el('div', 'home-links home-actions');
  if (session.code && may(session.organization, 'moderate')) {
    actions.append(button('home.console', () => openConsole(session)));
  }
  if (session.code && session.status !== 'closed' && may(session.organization, 'enter_questions')) {
    actions.append(button('home.clerk', () => openClerk(session)));
  }
  if (may(session.organization, 'manage_sessions')) {
    actions.append(button('home.edit', () => startForm('edit', session)));
    actions.append(button('home.duplicate', () => startForm('duplicate', session)));
    if (session.code) actions.append(button('home.links', () => showLinks(session)));
    if (session.code) actions.append(button('home.stream.open', () => stream.show(session)));
    if (session.code && session.status !== 'closed') {
      actions.append(button('home.close', () => closeSession(session)));
    }
    if (session.code && session.status === 'closed' && !session.record) {
      actions.append(button('home.publish', () => publish(session)));
    }
  }
  if (actions.childElementCount) li.append(actions);
  return li;
}

function render() {
  for (const id of ['home-upcoming', 'home-live', 'home-past']) $(id).replaceChildren();
  const query = state.query.toLocaleLowerCase();
  for (const session of state.sessions) {
    const text = `${session.title} ${session.place} ${session.organization} ${session.series ?? ''} `
      + `${leadersText(session.leaders)}`;
    if (query && !text.toLocaleLowerCase().includes(query)) continue;
    $(group(session.status)).append(item(session));
  }
  renderFormHeading();
  renderAudit();
}

async function loadSessions() {
  const answer = await call('/api/me/sessions');
  if (answer.status !== 200) {
    showError(errorKey(answer.status));
    return;
  }
  state.orgs = answer.json.organizations;
  state.sessions = answer.json.sessions;
  const managed = orgsWhere('manage_sessions');
  fillSelect($('home-org'), managed);
  setHidden($('home-create'), !managed.length);
  const audited = orgsWhere('read_audit');
  fillSelect($('home-audit-org'), audited);
  setHidden($('home-audit-card'), !audited.length);
  const inviting = orgsWhere('manage_people', 'invite_session_staff');
  fillSelect($('home-invite-org'), inviting);
  setHidden($('home-invite'), !inviting.length);
  fillRoles();
  renderInboxes();
  const parents = orgsWhere('manage_organizations');
  fillSelect($('home-neworg-parent'), parents);
  setHidden($('home-neworg'), !parents.length);
  fillSelect($('home-topics-org'), managed);
  setHidden($('home-topics'), !managed.length);
  if (managed.length) await topics.load();
  fillSelect($('home-embed-org'), managed);
  setHidden($('home-embed'), !managed.length);
  if (managed.length) await embedding.load();
  render();
  await loadAudit();
}

/** Links to the inbox of each agency whose questions I answer or publish (h16inbox). */
function renderInboxes() {
  const agencies = state.orgs.filter((o) => o.kind === 'agency'
    && (o.may ?? []).some((a) => a === 'respond' || a === 'manage_sessions'));
  $('home-inbox').replaceChildren(...agencies.map((o) => {
    const li = el('li', 'home-item');
    li.append(link(t('inbox.home.link', { agency: o.name }), `/inbox/${encodeURIComponent(o.slug)}`));
    return li;
  }));
  setHidden($('home-inbox-card'), !agencies.length);
}

function fillSelect(select, orgs) {
  const value = select.value;
  select.replaceChildren();
  for (const org of orgs) {
    const option = el('option', null, `${org.name} (${org.slug})`);
    option.value = org.slug;
    select.append(option);
  }
  if (value && orgs.some((o) => o.slug === value)) select.value = value;
}

// ---- the form: create, edit or duplicate ----

function toLocalInput(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function isoOrNull(input) {
  return input.value ? new Date(input.value).toISOString() : null;
}

function parseLeaders(text) {
  return text.split('\n').map((line) => line.trim()).filter(Boolean).map((line) => {
    const comma = line.indexOf(',');
    return comma < 0 ? { name: line, title: '' }
      : { name: line.slice(0, comma).trim(), title: line.slice(comma + 1).trim() };
  });
}

function renderFormHeading() {
  const { kind, session } = state.mode;
  const heading = $('home-form-heading');
  heading.removeAttribute('data-i18n');
  setText(heading, kind === 'create' ? t('home.create') : t(`home.form.${kind}`, { title: session.title }));
  $('home-submit').removeAttribute('data-i18n');
  setText($('home-submit'), t(kind === 'create' ? 'home.create.submit' : `home.${kind}.submit`));
  setHidden($('home-cancel'), kind === 'create');
  $('home-org').disabled = kind !== 'create';
}

function startForm(kind, session) {
  state.mode = { kind, session };
  $('home-create').reset();
  $('home-created').replaceChildren();
  $('home-org').value = session.organization;
  $('home-title').value = session.title;
  if (kind === 'edit') {
    $('home-start').value = toLocalInput(session.scheduledStart);
    $('home-end').value = toLocalInput(session.scheduledEnd);
    $('home-open').value = toLocalInput(session.questionsOpenFrom);
  }
  $('home-place').value = session.place ?? '';
  $('home-agenda').value = session.agenda ?? '';
  $('home-series').value = session.series ?? '';
  $('home-leaders').value = (session.leaders ?? []).map((l) => (l.title ? `${l.name}, ${l.title}` : l.name))
    .join('\n');
  // a copy takes place, agenda, leaders and series from the original; only its title and times are asked here
  for (const id of ['home-place', 'home-agenda', 'home-series', 'home-leaders']) {
    $(id).disabled = kind === 'duplicate';
  }
  renderFormHeading();
  $('home-title').focus();
}

function resetForm() {
  state.mode = { kind: 'create', session: null };
  $('home-create').reset();
  for (const id of ['home-place', 'home-agenda', 'home-series', 'home-leaders']) $(id).disabled = false;
  renderFormHeading();
}

function formBody() {
  const body = { title: $('home-title').value };
  for (const [field, id] of [['scheduledStart', 'home-start'], ['scheduledEnd', 'home-end'],
    ['questionsOpenFrom', 'home-open']]) {
    const value = isoOrNull($(id));
    if (value) body[field] = value;
  }
  if (state.mode.kind === 'duplicate') return body;
  for (const [field, id] of [['place', 'home-place'], ['agenda', 'home-agenda'], ['series', 'home-series']]) {
    const value = $(id).value.trim();
    if (value) body[field] = value;
  }
  const leaders = parseLeaders($('home-leaders').value);
  if (leaders.length) body.leaders = leaders;
  return body;
}

async function submit(event) {
  event.preventDefault();
  setHidden($('home-error'), true);
  const { kind, session } = state.mode;
  const body = formBody();
  let answer;
  if (kind === 'edit') {
    answer = await call(`/api/sessions/${session.id}/catalog`, { method: 'PUT', body, csrf: state.csrf });
  } else if (kind === 'duplicate') {
    answer = await call(`/api/sessions/${session.id}/duplicate`, { method: 'POST', body, csrf: state.csrf });
  } else {
    body.organization = $('home-org').value;
    answer = await call('/api/sessions', { method: 'POST', body, csrf: state.csrf });
  }
  if (answer.status !== 200 && answer.status !== 201) {
    showError(errorKey(answer.status));
    return;
  }
  const out = $('home-created');
  if (kind === 'edit') {
    out.replaceChildren(el('p', null, t('home.saved')));
  } else {
    out.replaceChildren(el('p', null, t(kind === 'create' ? 'home.created' : 'home.duplicated',
      { code: answer.json.code })));
    linkRows(out, answer.json.links);
  }
  resetForm();
  await loadSessions();
}

// ---- links, closing, publishing ----

let copyCount = 0;

/** One row per link: a read-only field holding it and a button that copies it. */
function linkRows(container, links) {
  for (const key of ['audience', 'moderator', 'stage', 'speaker']) {
    if (links[key]) linkRow(container, `home.link.${key}`, links[key], key);
  }
}

/** A labelled read-only field holding `value`, and a button that copies it (status in the nearest status line). */
function linkRow(container, labelKey, value, kind) {
  copyCount += 1;
  const id = `home-link-${copyCount}`;
  const row = el('div', 'home-link-row');
  const label = el('label', 'field-label', t(labelKey));
  label.htmlFor = id;
  const input = el('input', 'home-link-value');
  input.id = id;
  input.type = 'text';
  input.readOnly = true;
  input.value = value;
  input.dataset.link = kind;
  const status = el('p', 'hint home-copy-line');
  status.setAttribute('role', 'status');
  const copy = button('home.copy', () => copyLink(input, container === $('home-links-out')
    ? $('home-copy-status') : status));
  copy.setAttribute('aria-describedby', id);
  row.append(label, input, copy);
  if (container !== $('home-links-out')) row.append(status);
  container.append(row);
}

async function copyLink(input, status) {
  try {
    await navigator.clipboard.writeText(input.value);
    setText(status, t('home.copied'));
  } catch {
    input.select();
    setText(status, t(document.execCommand?.('copy') ? 'home.copied' : 'home.copy.failed'));
  }
}

async function showLinks(session) {
  setHidden($('home-error'), true);
  const answer = await call(`/api/sessions/${session.id}/links`, { method: 'POST', body: {}, csrf: state.csrf });
  if (answer.status !== 200) {
    showError(errorKey(answer.status));
    return;
  }
  const out = $('home-links-out');
  const heading = el('p');
  setText(heading, t('home.links.for', { title: session.title }));
  out.replaceChildren(heading);
  linkRows(out, answer.json.links);
  setText($('home-copy-status'), '');
  setHidden($('home-links-card'), false);
  out.querySelector('input')?.focus();
  await loadAudit();
}

async function closeSession(session) {
  setHidden($('home-error'), true);
  const answer = await call(`/api/sessions/${session.id}/status`,
    { method: 'POST', body: { status: 'closed' }, csrf: state.csrf });
  if (answer.status !== 200) {
    showError(errorKey(answer.status));
    return;
  }
  await loadSessions();
}

async function publish(session) {
  setHidden($('home-error'), true);
  const answer = await call(`/api/sessions/${session.id}/publish`, { method: 'POST', body: {}, csrf: state.csrf });
  if (answer.status !== 200) {
    showError(errorKey(answer.status));
    return;
  }
  await loadSessions();
}

// ---- the moderator console, for whoever may moderate in the session's organization ----

/**
 * Asks the server for this account's moderator token of the session (it checks the account's roles in the
 * session's organization and notes it in the audit log) and opens the console with the token after '#'.
 */
async function openConsole(session) {
  setHidden($('home-error'), true);
  const answer = await call(`/api/sessions/${session.id}/console`, { method: 'POST', body: {}, csrf: state.csrf });
  if (answer.status !== 200) {
    showError(errorKey(answer.status));
    return;
  }
  window.location.assign(answer.json.links.moderator);
}

/** The same for the clerk's page, for whoever may enter questions in the session's organization. */
async function openClerk(session) {
  setHidden($('home-error'), true);
  const answer = await call(`/api/sessions/${session.id}/clerk`, { method: 'POST', body: {}, csrf: state.csrf });
  if (answer.status !== 200) {
    showError(errorKey(answer.status));
    return;
  }
  window.location.assign(answer.json.links.clerk);
}

// ---- people and organizations ----

function fillRoles() {
  const select = $('home-invite-role');
  const chosen = select.value;
  const slug = $('home-invite-org').value;
  const roles = may(slug, 'manage_people') ? ALL_ROLES : STAFF_ROLES;
  select.replaceChildren(...roles.map((role) => {
    const option = el('option', null, t(`role.${role}`));
    option.value = role;
    return option;
  }));
  if (roles.includes(chosen)) select.value = chosen;
}

function fillKinds() {
  const select = $('home-neworg-kind');
  const chosen = select.value;
  select.replaceChildren(...KINDS.map((kind) => {
    const option = el('option', null, t(`home.kind.${kind}`));
    option.value = kind;
    return option;
  }));
  if (chosen) select.value = chosen;
}

/**
 * Invites a person. When the server sent no email, the one-time link (its token after '#') is shown here once, with
 * a copy button, for the inviter to pass on; it is kept nowhere else and is gone with the next invitation.
 */
async function invite(event) {
  event.preventDefault();
  setHidden($('home-error'), true);
  state.invited = null;
  renderInvited();
  const slug = $('home-invite-org').value;
  const role = $('home-invite-role').value;
  const email = $('home-invite-email').value.trim();
  if (!email || !$('home-invite-email').checkValidity()) {
    showError('home.error.input');
    $('home-invite-email').focus();
    return;
  }
  const answer = await call(`/api/orgs/${encodeURIComponent(slug)}/invitations`,
    { method: 'POST', body: { email, role }, csrf: state.csrf });
  if (answer.status !== 201) {
    showError(errorKey(answer.status));
    return;
  }
  state.invited = { email, role, org: slug, sent: answer.json.sent, link: answer.json.link ?? null };
  renderInvited();
  $('home-invite-email').value = '';
  await loadAudit();
}

function renderInvited() {
  const out = $('home-invite-out');
  out.replaceChildren();
  const invited = state.invited;
  if (!invited) return;
  const vars = { email: invited.email, role: t(`role.${invited.role}`), org: invited.org };
  out.append(el('p', null, t(invited.sent ? 'home.invite.sent' : 'home.invite.link', vars)));
  if (!invited.sent) linkRow(out, 'home.link.invite', invited.link, 'invite');
}

function renderAdded() {
  setText($('home-neworg-out'), state.added ? t('home.neworg.done', state.added) : '');
}

/** A suggested slug from a name: Vietnamese letters without their marks, words joined by hyphens. */
function slugFrom(name) {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63).replace(/-+$/, '');
}

async function createOrganization(event) {
  event.preventDefault();
  setHidden($('home-error'), true);
  state.added = null;
  renderAdded();
  const body = {
    slug: $('home-neworg-slug').value.trim(), name: $('home-neworg-name').value.trim(),
    kind: $('home-neworg-kind').value, parent: $('home-neworg-parent').value,
  };
  if (!body.name || !/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(body.slug)) {
    showError('home.error.input');
    return;
  }
  const answer = await call('/api/orgs', { method: 'POST', body, csrf: state.csrf });
  if (answer.status !== 201) {
    showError(answer.status === 409 ? 'home.neworg.taken' : errorKey(answer.status));
    return;
  }
  $('home-neworg').reset();
  fillKinds();
  delete $('home-neworg-slug').dataset.edited;
  state.added = { name: answer.json.name, slug: answer.json.slug };
  renderAdded();
  await loadSessions();
}

// ---- who did what ----

function actorText(actor) {
  if (actor === 'schedule') return t('home.audit.schedule');
  if (actor === 'admin-token') return t('home.audit.adminToken');
  const account = /^account:(\d+)$/.exec(actor);
  return account ? t('home.audit.account', { id: account[1] }) : actor;
}

/** What an entry is about: a session's title, a role's name (invitations), or the subject as noted. */
function subjectText(subject, titles) {
  if (titles.has(subject)) return titles.get(subject);
  return subject && hasString(`role.${subject}`) ? t(`role.${subject}`) : (subject ?? '');
}

function renderAudit() {
  const list = $('home-audit');
  list.replaceChildren();
  if (!state.audit.length) {
    list.append(el('li', 'hint', t('home.audit.none')));
    return;
  }
  const titles = new Map(state.sessions.map((s) => [s.id, s.title]));
  for (const entry of state.audit) {
    const li = el('li', 'home-item');
    li.append(el('p', 'hint', `${when(entry.at, lang())} · ${actorText(entry.actor)}`));
    const what = el('p');
    const key = `home.action.${entry.action}`;
    const action = hasString(key) ? t(key) : entry.action;
    setText(what, `${action} · ${subjectText(entry.subject, titles)}`);
    li.append(what);
    list.append(li);
  }
}

async function loadAudit() {
  const slug = $('home-audit-org').value;
  if (!slug) {
    state.audit = [];
    renderAudit();
    return;
  }
  const answer = await call(`/api/orgs/${encodeURIComponent(slug)}/audit`);
  state.audit = answer.status === 200 ? answer.json.entries.slice(0, 50) : [];
  renderAudit();
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
    fillRoles();
    fillKinds();
    renderInvited();
    renderAdded();
    renderInboxes();
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
  $('home-create').addEventListener('submit', submit);
  $('home-cancel').addEventListener('click', resetForm);
  $('home-logout').addEventListener('click', logout);
  $('home-audit-org').addEventListener('change', loadAudit);
  $('home-invite').addEventListener('submit', invite);
  $('home-invite-org').addEventListener('change', fillRoles);
  $('home-neworg').addEventListener('submit', createOrganization);
  $('home-neworg-slug').addEventListener('input', () => { $('home-neworg-slug').dataset.edited = '1'; });
  $('home-neworg-name').addEventListener('input', () => {
    if (!$('home-neworg-slug').dataset.edited) $('home-neworg-slug').value = slugFrom($('home-neworg-name').value);
  });
  fillKinds();
  $('home-search').addEventListener('input', (event) => {
    state.query = event.target.value.trim();
    render();
  });
  await loadSessions();
}

start();
