// The organizer page's record and retention controls for the selected session: the record page's public link
// (never with a token: it is the link to share), publishing it (the button is disabled once it is published), and
// deleting the session (a second press confirms).

import { ApiError, recordStatus } from '../api.js';
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
   * @param {{adminToken: () => string, onError: (error) => void, onDeleted: (id) => void,
   *   onPublished?: (id, published: boolean) => void}} hooks
   */
  constructor(els, hooks) {
    this.els = els;
    this.hooks = hooks;
    this.entry = null;
    this.confirming = false;
    this.note = null;
    this.published = null; // null: not known (no admin token, or not asked yet)
    this.busy = false;
    els.publish.addEventListener('click', () => this.publish());
    els.remove.addEventListener('click', () => this.remove());
  }

  render(entry) {
    const another = entry?.id !== this.entry?.id;
    if (another) {
      this.confirming = false;
      this.note = null;
      this.published = entry?.published ?? null;
    }
    this.entry = entry;
    if (!entry) return;
    if (another) this.refreshPublished();
    setAttr(this.els.link, 'href', recordPageUrl(entry.id));
    setText(this.els.remove, t(this.confirming ? 'org.delete.confirm' : 'org.delete'));
    setText(this.els.note, this.note ? t(this.note) : '');
    setText(this.els.publish, t(this.published ? 'org.record.is.published' : 'org.record.publish'));
    this.els.publish.disabled = this.busy || this.published === true;
  }

  /** Asks the server whether the selected session's record is published (GET …/record/status, public). */
  async refreshPublished() {
    const entry = this.entry;
    if (!entry) return;
    try {
      const { published } = await recordStatus(entry.id);
      if (this.entry?.id !== entry.id) return;
      this.setPublished(published === true);
    } catch {
      // unknown: the button stays as it was; publishing again changes nothing on the server
    }
  }

  setPublished(published) {
    this.published = published;
    if (this.entry) this.hooks.onPublished?.(this.entry.id, published);
    this.render(this.entry);
  }

  async publish() {
    const entry = this.entry;
    const token = this.hooks.adminToken();
    if (!entry) return;
    if (!token) {
      this.hooks.onError(null, 'org.error.token_required');
      return;
    }
    this.busy = true;
    this.render(entry);
    try {
      await publishRecord(entry.id, token);
      this.note = 'org.record.published';
      this.busy = false;
      if (this.entry?.id === entry.id) this.setPublished(true);
    } catch (error) {
      this.hooks.onError(error instanceof ApiError ? error : new ApiError(error.status ?? 0, error.code, ''));
    } finally {
      this.busy = false;
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
