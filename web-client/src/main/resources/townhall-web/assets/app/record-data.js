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
