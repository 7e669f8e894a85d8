// The organizer page's record and retention controls for the selected session: the record page's public link
// (never with a token: it is the link to share), publishing it, and deleting the session (a second press confirms).

import { ApiError } from '../api.js';
import { t } from '../i18n.js';
import { publishRecord, recordPageUrl } from '../record-data.js';
import { setAttr, setText } from './dom.js';

async function deleteSession(adminToken, id) {
  let response;
  try {
    response = await fetch(`/api/sessions/${encodeURIComponent(id)}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${adminToken}`, Accept: 'application/json' },
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch {
    throw new ApiError(0, 'network', '');
  }
  if (!response.ok) {
    const body = await response.json().catch(() => null);
    throw new ApiError(response.status, body?.error ?? null, body?.message ?? '');
  }
}

export class OrgRecord {
  /**
   * @param {{link, publish, remove, note}} els
   * @param {{adminToken: () => string, onError: (error) => void, onDeleted: (id) => void}} hooks
   */
  constructor(els, hooks) {
    this.els = els;
    this.hooks = hooks;
    this.entry = null;
    this.confirming = false;
    this.note = null;
    els.publish.addEventListener('click', () => this.publish());
    els.remove.addEventListener('click', () => this.remove());
  }

  render(entry) {
    if (entry?.id !== this.entry?.id) {
      this.confirming = false;
      this.note = null;
    }
    this.entry = entry;
    if (!entry) return;
    setAttr(this.els.link, 'href', recordPageUrl(entry.id));
    setText(this.els.remove, t(this.confirming ? 'org.delete.confirm' : 'org.delete'));
    setText(this.els.note, this.note ? t(this.note) : '');
  }

  async publish() {
    const entry = this.entry;
    const token = this.hooks.adminToken();
    if (!entry) return;
    if (!token) {
      this.hooks.onError(null, 'org.error.token_required');
      return;
    }
    this.els.publish.disabled = true;
    try {
      await publishRecord(entry.id, token);
      this.note = 'org.record.published';
    } catch (error) {
      this.hooks.onError(error instanceof ApiError ? error : new ApiError(error.status ?? 0, error.code, ''));
    } finally {
      this.els.publish.disabled = false;
      this.render(this.entry);
    }
  }

  async remove() {
    const entry = this.entry;
    const token = this.hooks.adminToken();
    if (!entry) return;
    if (!token) {
      this.hooks.onError(null, 'org.error.token_required');
      return;
    }
    if (!this.confirming) {
      this.confirming = true;
      this.render(entry);
      return;
    }
    this.confirming = false;
    this.els.remove.disabled = true;
    try {
      await deleteSession(token, entry.id);
      this.hooks.onDeleted(entry.id);
    } catch (error) {
      this.hooks.onError(error);
    } finally {
      this.els.remove.disabled = false;
      this.render(this.entry);
    }
  }
}
