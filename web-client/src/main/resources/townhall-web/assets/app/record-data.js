// The record's HTTP calls (docs/protocol.md, "The record"): read it (JSON or CSV), publish it. A moderator's or
// the organizer's token, when the page has one, lets it read a record that is not published yet.

/** A refused or failed request: `status` 0 when the server could not be reached. */
export class RecordError extends Error {
  constructor(status, code) {
    super(code || `HTTP ${status}`);
    this.status = status;
    this.code = code;
  }
}

async function call(path, { method = 'GET', token, accept = 'application/json', body } = {}) {
  const headers = { Accept: accept };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {
      method, headers, cache: 'no-store', credentials: 'omit', body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new RecordError(0, 'network');
  }
  if (!response.ok) {
    const body = await response.json().catch(() => null);
    throw new RecordError(response.status, body?.error ?? null);
  }
  return response;
}

function recordPath(id, format) {
  return `/api/sessions/${encodeURIComponent(id)}/record${format === 'csv' ? '?format=csv' : ''}`;
}

/** The record as JSON (docs/record.md). */
export async function fetchRecord(id, token) {
  const response = await call(recordPath(id, 'json'), { token });
  return response.json();
}

/** The record as a file: {blob, name}; `format` is 'json' or 'csv'. */
export async function downloadRecord(id, token, format) {
  const response = await call(recordPath(id, format), {
    token,
    accept: format === 'csv' ? 'text/csv' : 'application/json',
  });
  return { blob: await response.blob(), name: `townhall-record-${id}.${format}` };
}

/** Makes the record public with a moderator's or the organizer's token: {published, publishedAt, links}. */
export async function publishRecord(id, token) {
  const response = await call(`/api/sessions/${encodeURIComponent(id)}/publish`, { method: 'POST', token });
  return response.json();
}

/**
 * The public record as it will be published, with a moderator's or the organizer's token: {published, withheld:
 * {category: n}, textsNotShown, privateReasons, record}.
 */
export async function fetchPreview(id, token) {
  const response = await call(`/api/sessions/${encodeURIComponent(id)}/record/preview`, { token });
  return response.json();
}

/**
 * Only the preview's head, {published, withheld, textsNotShown, privateReasons}: the server writes it before the
 * record (docs/record.md), so the download stops there, whatever the record's size (the organizer page asks this
 * for every session it shows).
 */
export async function fetchPreviewHead(id, token) {
  const response = await call(`/api/sessions/${encodeURIComponent(id)}/record/preview`, { token });
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const marker = ',"record":';
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (value) text += decoder.decode(value, { stream: true });
      const at = text.indexOf(marker);
      if (at >= 0) return JSON.parse(`${text.slice(0, at)}}`);
      if (done) return JSON.parse(text);
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}

/** Withdraws the published record (the organizer's token), with a reason the record keeps. */
export async function unpublishRecord(id, token, reason) {
  const response = await call(`/api/sessions/${encodeURIComponent(id)}/unpublish`, {
    method: 'POST', token, body: { reason },
  });
  return response.json();
}

/**
 * The record page of a session. A link never carries a token: {@code preview} marks the console's link, whose page
 * asks the open console for its token (token-handoff.js) to preview an unpublished record.
 */
export function recordPageUrl(id, { preview = false } = {}) {
  const page = `/r/${encodeURIComponent(id)}`;
  return preview ? `${page}#preview` : page;
}
