// Entry of the organizer page (/organize): the admin token (this tab only), creating a session (the page then
// scrolls to it and focuses it), its join code, QR and links (the public record's link is clean; links carrying a
// token are shown shortened, each with a copy button), opening / pausing / closing it, and the sessions created in
// this browser (localStorage) with their date and status.

import {
  ApiError, audienceUrl, createSession, qrUrl, sessionById, sessionLinks, setSessionStatus,
} from '../api.js';
import { hasString, initLanguage, onLangChange, t } from '../i18n.js';
import { recordPageUrl } from '../record-data.js';
import { dateTime } from '../record-text.js';
import { storage } from '../storage.js';
import { graphemeCount } from '../text.js';
import { el, setAttr, setHidden, setText } from '../views/dom.js';
import { OrgRecord } from '../views/org-record.js';
import { offerOrganizerToken } from '../token-handoff.js';

const $ = (id) => document.getElementById(id);
const TITLE_MAX = 200;
const KEEP_SESSIONS = 50;

let orgRecord = null; // the record and delete controls of the selected session

const state = {
  selected: null, // a saved entry: {id, code, title, moderatorLink, audienceLink, stageLink, speakerLink, createdAt}
  status: null,
  error: null, // {key, detail}
  busy: false,
  copied: null,
  created: null, // the note after creating a session: {title, code}
  previewed: new Set(), // sessions whose record page this tab opened (it hands them the admin token)
};

// --- errors ----------------------------------------------------------------------------------------------------

function showError(key, error) {
  let detail = '';
  if (error instanceof ApiError && error.status) {
    detail = t('org.error.detail', { status: error.status, code: error.code ?? '—', message: error.message ?? '' });
  }
  state.error = key ? { key, detail } : null;
  renderError();
}

function errorKeyFor(error) {
  if (!(error instanceof ApiError)) return 'org.error.unknown';
  if (error.status === 0) return 'org.error.network';
  const key = `org.error.${error.code}`;
  return error.code && hasString(key) ? key : 'org.error.unknown';
}

function renderError() {
  const error = state.error;
  setText($('org-error'), error ? t(error.key) : '');
  setText($('org-error-detail'), error?.detail ?? '');
  setHidden($('org-error-detail'), !error?.detail);
  setHidden($('org-error-box'), !error);
}

// --- saved sessions --------------------------------------------------------------------------------------------

function saved() {
  return storage.organizerSessions();
}

function save(entry) {
  const rest = saved().filter((other) => other.id !== entry.id);
  storage.setOrganizerSessions([entry, ...rest].slice(0, KEEP_SESSIONS));
}

function forget(id) {
  storage.setOrganizerSessions(saved().filter((entry) => entry.id !== id));
  if (state.selected?.id === id) select(null);
  renderList();
}

function renderList() {
  const entries = saved();
  const items = entries.map((entry) => {
    const li = el('li', 'org-saved');
    li.dataset.id = entry.id;
    const title = el('span', 'org-saved-title', entry.title || entry.id);
    const code = el('span', 'org-saved-code', entry.code ?? '');
    const meta = el('span', 'org-saved-meta');
    const status = el('span', 'org-saved-status', entry.status ? t(`status.${entry.status}`)
      : t('org.list.status.unknown'));
    status.dataset.status = entry.status ?? '';
    meta.append(el('span', 'org-saved-date', entry.createdAt ? t('org.list.created', { time: dateTime(entry.createdAt) })
      : ''), status);
    if (entry.published) meta.append(el('span', 'org-saved-published', t('org.list.published')));
    const show = el('button', 'button org-saved-show', t('org.list.show'));
    show.type = 'button';
    show.addEventListener('click', () => select(entry));
    const drop = el('button', 'button org-saved-forget', t('org.list.forget'));
    drop.type = 'button';
    drop.addEventListener('click', () => forget(entry.id));
    li.classList.toggle('is-selected', state.selected?.id === entry.id);
    li.append(title, code, meta, show, drop);
    return li;
  });
  $('org-sessions').replaceChildren(...items);
  setHidden($('org-sessions-empty'), entries.length > 0);
}

// --- the selected session --------------------------------------------------------------------------------------

function select(entry) {
  state.selected = entry;
  state.status = null;
  state.copied = null;
  renderSelected();
  renderList();
  if (entry) {
    refreshStatus();
    if (!entry.moderatorLink) fetchLinks(entry);
  }
}

/** The token links of a session saved in an earlier tab, signed again with the admin token (kept for this tab). */
async function fetchLinks(entry) {
  const token = adminToken();
  if (!token) return;
  try {
    const { links = {} } = await sessionLinks(token, entry.id);
    const updated = {
      ...entry, moderatorLink: links.moderator ?? '', stageLink: links.stage ?? '', speakerLink: links.speaker ?? '',
    };
    save(updated);
    if (state.selected?.id !== entry.id) return;
    state.selected = updated;
    renderSelected();
  } catch {
    // without them the links stay hidden; selecting the session again asks again
  }
}

/**
 * What a link shows: the whole address when it can be shared; shortened when it carries a token (the secret is
 * never on screen: the copy button copies the whole link).
 */
function shortLink(href) {
  let url;
  try {
    url = new URL(href, window.location.origin);
  } catch {
    return href;
  }
  if (!/(^#|&)token=/.test(url.hash)) return href;
  return `${url.host}${url.pathname} · ${t('org.links.secret')}`;
}

function setLink(id, href) {
  const link = $(id);
  if (href) {
    setAttr(link, 'href', href);
    setText(link, shortLink(href));
  } else {
    link.removeAttribute('href');
    setText(link, t('org.links.missing'));
  }
  const copy = document.querySelector(`[data-copy="${id}"]`);
  if (copy) {
    copy.disabled = !href;
    const what = copy.closest('div')?.querySelector('dt')?.textContent ?? '';
    setAttr(copy, 'aria-label', t('org.copy.label', { what }));
  }
}

function renderSelected() {
  const entry = state.selected;
  setHidden($('org-session-none'), Boolean(entry));
  setHidden($('org-session-body'), !entry);
  orgRecord?.render(entry);
  if (!entry) return;
  setText($('org-session-title'), entry.title ?? '');
  setText($('created-code'), entry.code ?? '');
  setAttr($('created-qr'), 'src', qrUrl(entry.id));
  setLink('created-audience-link', entry.audienceLink || (entry.code ? audienceUrl(entry.code) : ''));
  setLink('created-moderator-link', entry.moderatorLink || '');
  // the stage and speaker links carry the session's stage token; without it they would not open
  setLink('created-stage-link', entry.stageLink || '');
  setLink('created-speaker-link', entry.speakerLink || '');
  // the record's public address: the link to share, never with a token
  setLink('created-record-link', `${window.location.origin}${recordPageUrl(entry.id)}`);
  setAttr($('org-record-preview'), 'href', recordPageUrl(entry.id, { preview: true }));
  renderStatus();
  setText($('org-copy-note'), state.copied ? t(state.copied) : '');
  const created = state.created?.id === entry.id ? state.created : null;
  setText($('org-created-note'), created ? t('org.created', { title: created.title, code: created.code }) : '');
}

function renderStatus() {
  const status = state.status;
  setAttr($('org-status'), 'data-status', status ?? '');
  setText($('org-status'), status ? t(`status.${status}`) : t('org.status.unknown'));
  $('org-open').disabled = state.busy || status === 'open';
  $('org-pause').disabled = state.busy || status === 'paused' || status === 'closed';
  $('org-close').disabled = state.busy || status === 'closed';
  $('org-refresh').disabled = state.busy;
}

async function refreshStatus() {
  const entry = state.selected;
  if (!entry) return;
  try {
    const session = await sessionById(entry.id);
    if (state.selected?.id !== entry.id) return;
    state.status = session.status ?? null;
    const updated = {
      ...entry, title: session.title ?? entry.title, code: session.code ?? entry.code, status: state.status,
    };
    if (updated.title !== entry.title || updated.code !== entry.code || updated.status !== entry.status) {
      save(updated);
      state.selected = updated;
      renderSelected();
      renderList();
    }
    renderStatus();
  } catch (error) {
    showError(errorKeyFor(error), error);
  }
}

async function changeStatus(status) {
  const entry = state.selected;
  const token = adminToken();
  if (!entry) return;
  if (!token) {
    showError('org.error.token_required');
    $('admin-token').focus();
    return;
  }
  showError(null);
  state.busy = true;
  renderStatus();
  try {
    const session = await setSessionStatus(token, entry.id, status);
    if (state.selected?.id === entry.id) {
      state.status = session?.status ?? status;
      remember({ ...state.selected, status: state.status });
    }
  } catch (error) {
    showError(errorKeyFor(error), error);
    if (error instanceof ApiError && error.code === 'conflict') refreshStatus();
  } finally {
    state.busy = false;
    renderStatus();
  }
}

/** Saves an updated entry of the selected session and shows it in the list. */
function remember(updated) {
  save(updated);
  if (state.selected?.id === updated.id) state.selected = updated;
  renderList();
}

/** Every saved session's status (the list shows it), asked of the server once when the page opens. */
async function refreshSavedStatuses() {
  const entries = saved();
  const answers = await Promise.all(entries.map((entry) => sessionById(entry.id).then(
    (session) => ({ id: entry.id, status: session.status ?? null, createdAt: session.createdAt ?? null }),
    () => ({ id: entry.id, status: null, createdAt: null }),
  )));
  let changed = false;
  for (const { id, status, createdAt } of answers) {
    const entry = saved().find((other) => other.id === id);
    if (!entry || !status || (entry.status === status && entry.createdAt)) continue;
    const updated = { ...entry, status, createdAt: entry.createdAt ?? createdAt };
    save(updated);
    if (state.selected?.id === id) state.selected = { ...state.selected, status, createdAt: updated.createdAt };
    changed = true;
  }
  if (changed) renderList();
}

// --- creating --------------------------------------------------------------------------------------------------

function adminToken() {
  return $('admin-token').value.trim();
}

async function create(event) {
  event.preventDefault();
  const token = adminToken();
  const title = $('create-title').value.trim().normalize('NFC');
  if (!token) {
    showError('org.error.token_required');
    $('admin-token').focus();
    return;
  }
  if (!title) {
    showError('org.error.title_required');
    $('create-title').focus();
    return;
  }
  if (graphemeCount(title) > TITLE_MAX) {
    showError('org.error.title_long');
    $('create-title').focus();
    return;
  }
  showError(null);
  const submit = $('create-submit');
  submit.disabled = true;
  try {
    const created = await createSession(token, {
      title,
      moderation: $('create-moderation-post').checked ? 'post' : 'pre',
      anonymous: $('create-anonymous').checked,
      locale: $('create-locale').value === 'en' ? 'en' : 'vi',
    });
    const links = created.links ?? {};
    const moderatorLink = links.moderator
      || (created.moderatorToken ? `${window.location.origin}/m/${encodeURIComponent(created.id)}#token=${encodeURIComponent(created.moderatorToken)}` : '');
    const entry = {
      id: created.id,
      code: created.code,
      title: created.title ?? title,
      moderatorLink,
      audienceLink: links.audience ?? audienceUrl(created.code),
      stageLink: links.stage ?? '',
      speakerLink: links.speaker ?? '',
      createdAt: Date.now(),
    };
    save(entry);
    $('create-title').value = '';
    state.created = { id: entry.id, title: entry.title, code: entry.code };
    select(entry);
    // what was made, where the eye is: the selected session's card, scrolled to and focused
    const heading = $('org-session-heading');
    heading.scrollIntoView({ block: 'start' });
    heading.focus({ preventScroll: true });
  } catch (error) {
    showError(errorKeyFor(error), error);
  } finally {
    submit.disabled = false;
  }
}

// --- copying ---------------------------------------------------------------------------------------------------

async function copy(button) {
  const link = $(button.dataset.copy);
  const href = link.getAttribute('href');
  if (!href) return;
  try {
    await navigator.clipboard.writeText(href);
    state.copied = 'org.copied';
  } catch {
    // No clipboard permission: select the link's text so Ctrl+C does it.
    const range = document.createRange();
    range.selectNodeContents(link);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    state.copied = 'org.copy.failed';
  }
  setText($('org-copy-note'), t(state.copied));
}

function main() {
  initLanguage($('lang-switch'));
  const tokenInput = $('admin-token');
  tokenInput.value = storage.adminToken();
  tokenInput.addEventListener('input', () => storage.setAdminToken(tokenInput.value.trim()));
  tokenInput.addEventListener('change', () => orgRecord?.refreshPublished());
  $('create-form').addEventListener('submit', create);
  $('org-open').addEventListener('click', () => changeStatus('open'));
  $('org-pause').addEventListener('click', () => changeStatus('paused'));
  $('org-close').addEventListener('click', () => changeStatus('closed'));
  $('org-refresh').addEventListener('click', () => {
    showError(null);
    refreshStatus();
  });
  $('org-error-dismiss').addEventListener('click', () => showError(null));
  orgRecord = new OrgRecord({
    link: $('org-record-link'), publish: $('org-record-publish'), remove: $('org-delete'), note: $('org-record-note'),
  }, {
    adminToken,
    onPublished: (id, published) => {
      const entry = saved().find((other) => other.id === id);
      if (entry && entry.published !== published) remember({ ...entry, published });
    },
    onError: (error, key) => showError(key ?? errorKeyFor(error), error),
    onDeleted: (id) => {
      forget(id);
      setText($('org-list-note'), t('org.deleted'));
    },
  });
  for (const button of document.querySelectorAll('[data-copy]')) button.addEventListener('click', () => copy(button));
  // the record page opened from "Preview and publish" asks this page for the admin token (never in its address)
  $('org-record-preview').addEventListener('click', () => {
    if (state.selected) state.previewed.add(state.selected.id);
  });
  offerOrganizerToken(adminToken, (id) => state.previewed.has(id));
  onLangChange(() => {
    renderError();
    renderSelected();
    renderList();
  });
  renderError();
  const entries = saved();
  select(entries[0] ?? null);
  refreshSavedStatuses();
}

main();
