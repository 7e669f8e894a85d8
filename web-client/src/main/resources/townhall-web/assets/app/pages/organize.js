// Entry of the organizer page (/organize): the admin token (this tab only), creating a session, its code, QR and
// links, opening / pausing / closing it, and the sessions created in this browser (localStorage).

import {
  ApiError, audienceUrl, createSession, qrUrl, sessionById, sessionLinks, setSessionStatus,
} from '../api.js';
import { hasString, initLanguage, onLangChange, t } from '../i18n.js';
import { storage } from '../storage.js';
import { graphemeCount } from '../text.js';
import { el, setAttr, setHidden, setText } from '../views/dom.js';
import { OrgRecord } from '../views/org-record.js';

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
    const show = el('button', 'button org-saved-show', t('org.list.show'));
    show.type = 'button';
    show.addEventListener('click', () => select(entry));
    const drop = el('button', 'button org-saved-forget', t('org.list.forget'));
    drop.type = 'button';
    drop.addEventListener('click', () => forget(entry.id));
    li.classList.toggle('is-selected', state.selected?.id === entry.id);
    li.append(title, code, show, drop);
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

function setLink(id, href) {
  const link = $(id);
  if (href) {
    setAttr(link, 'href', href);
    setText(link, href);
  } else {
    link.removeAttribute('href');
    setText(link, t('org.links.missing'));
  }
  const copy = document.querySelector(`[data-copy="${id}"]`);
  if (copy) copy.disabled = !href;
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
  renderStatus();
  setText($('org-copy-note'), state.copied ? t(state.copied) : '');
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
    const updated = { ...entry, title: session.title ?? entry.title, code: session.code ?? entry.code };
    if (updated.title !== entry.title || updated.code !== entry.code) {
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
    if (state.selected?.id === entry.id) state.status = session?.status ?? status;
  } catch (error) {
    showError(errorKeyFor(error), error);
    if (error instanceof ApiError && error.code === 'conflict') refreshStatus();
  } finally {
    state.busy = false;
    renderStatus();
  }
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
    select(entry);
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
    onError: (error, key) => showError(key ?? errorKeyFor(error), error),
    onDeleted: (id) => {
      forget(id);
      setText($('org-list-note'), t('org.deleted'));
    },
  });
  for (const button of document.querySelectorAll('[data-copy]')) button.addEventListener('click', () => copy(button));
  onLangChange(() => {
    renderError();
    renderSelected();
    renderList();
  });
  renderError();
  const entries = saved();
  select(entries[0] ?? null);
}

main();
