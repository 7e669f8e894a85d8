// The HTTP calls of the pages (docs/protocol.md, "HTTP"). Errors arrive as {"error", "message"}.

export class NotFoundError extends Error {}

/** Too many lookups from this address lately: try again after `retryAfterMs`. */
export class RateLimitedError extends Error {
  constructor(retryAfterMs) {
    super('rate_limited');
    this.retryAfterMs = retryAfterMs;
  }
}

/** A refused or failed request: `status` 0 when the server could not be reached at all. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message || code || `HTTP ${status}`);
    this.status = status;
    this.code = code;
  }
}

/** Resolves a join code to {id, code, title, status}; throws NotFoundError for an unknown code. */
export async function sessionByCode(code) {
  const response = await fetch(`/api/sessions/by-code/${encodeURIComponent(code)}`, {
    headers: { Accept: 'application/json' },
    cache: 'no-store',
  });
  if (response.status === 404) throw new NotFoundError(code);
  if (response.status === 429) {
    const body = await response.json().catch(() => ({}));
    throw new RateLimitedError(Number(body.retryAfterMs) || 1000 * Number(response.headers.get('Retry-After')) || 0);
  }
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
}

async function requestJson(path, { method = 'GET', token, body } = {}) {
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch {
    throw new ApiError(0, 'network', '');
  }
  let data = null;
  try {
    data = await response.json();
  } catch {
    data = null;
  }
  if (!response.ok) throw new ApiError(response.status, data?.error ?? null, data?.message ?? '');
  return data;
}

/** The public facts of a session (GET /api/sessions/{id}). */
export function sessionById(id) {
  return requestJson(`/api/sessions/${encodeURIComponent(id)}`);
}

/**
 * The questions residents may see that are most like `text`: {similar: [{id, text, score}]}, at most three, best first
 * (GET /api/sessions/{id}/similar).
 */
export function similarQuestions(id, text) {
  return requestJson(`/api/sessions/${encodeURIComponent(id)}/similar?text=${encodeURIComponent(text)}`);
}

/** The session's livestream settings: {streamUrl, embedOrigins} (GET /api/sessions/{id}/stream). */
export function streamSettings(id) {
  return requestJson(`/api/sessions/${encodeURIComponent(id)}/stream`);
}

/** Whether the session's record is public: {published, publishedAt} (GET /api/sessions/{id}/record/status). */
export function recordStatus(id) {
  return requestJson(`/api/sessions/${encodeURIComponent(id)}/record/status`);
}

/** Creates a session as the organizer: {id, code, title, moderatorToken, links}. */
export function createSession(adminToken, { title, moderation, anonymous, locale }) {
  return requestJson('/api/sessions', { method: 'POST', token: adminToken, body: { title, moderation, anonymous, locale } });
}

/** Opens, pauses or closes a session with the admin or moderator token; answers the session. */
export function setSessionStatus(token, id, status) {
  return requestJson(`/api/sessions/${encodeURIComponent(id)}/status`, { method: 'POST', token, body: { status } });
}

/**
 * The session's links signed again, with the admin token: {id, code, title, status, links: {audience, moderator,
 * stage, speaker}}. The organizer page keeps token links for the tab only and asks for them here in a later one.
 */
export function sessionLinks(adminToken, id) {
  return requestJson(`/api/sessions/${encodeURIComponent(id)}/links`, { method: 'POST', token: adminToken });
}

/** A new stage token for the session, with the admin or moderator token: {stageToken, links: {stage, speaker}}. */
export function stageToken(token, id) {
  return requestJson(`/api/sessions/${encodeURIComponent(id)}/stage-token`, { method: 'POST', token });
}

/** A new clerk link of the session (for the organizer or a moderator): {clerkToken, links: {clerk}}. */
export function clerkToken(token, id) {
  return requestJson(`/api/sessions/${encodeURIComponent(id)}/clerk-token`, { method: 'POST', token });
}

/**
 * The session's topics and areas ({topics, areas: [{key, name}]}), or empty lists where the server has none to give
 * (404: a server without the classification yet).
 */
export async function classification(id) {
  try {
    return await requestJson(`/api/sessions/${encodeURIComponent(id)}/classification`);
  } catch {
    return { topics: [], areas: [] };
  }
}

export function qrUrl(id) {
  return `/api/sessions/${encodeURIComponent(id)}/qr.svg`;
}

export function audienceUrl(code) {
  return `${window.location.origin}/j/${encodeURIComponent(code)}`;
}

/**
 * The agencies a session may refer a question to, for the console's follow-up form (moderator token):
 * {agencies: [{slug, name}], above: [{slug, name, organization: {slug, name}}]} (GET /api/sessions/{id}/agencies).
 */
export function sessionAgencies(token, id) {
  return requestJson(`/api/sessions/${encodeURIComponent(id)}/agencies`, { token });
}

/**
 * The open and overdue follow-up items of the earlier sessions of the session's series (anyone):
 * {series, onStage, items: [{followCode, text, session: {id, title}, latest: {step, at, agency?, due?}, overdue}]}
 * (GET /api/sessions/{id}/carried-over).
 */
export function carriedOver(id) {
  return requestJson(`/api/sessions/${encodeURIComponent(id)}/carried-over`);
}

/** A moderator puts a carried-over item on stage, takes it off, or marks it answered on stage ({action, text?}). */
export function carryOverAction(token, id, code, body) {
  return requestJson(`/api/sessions/${encodeURIComponent(id)}/carried-over/${encodeURIComponent(code)}`,
    { method: 'POST', token, body });
}

// --- the photo of a paper slip (issue 17) ---

/**
 * Uploads the photo of a question's paper slip (the file's bytes as the body; its type is told by its bytes) with the
 * clerk's or a moderator's token: {questionId, sha256, width, height, size, url}.
 */
export async function uploadSlip(token, id, questionId, file) {
  let response;
  try {
    response = await fetch(`/api/sessions/${encodeURIComponent(id)}/questions/${encodeURIComponent(questionId)}/slip`, {
      method: 'POST',
      headers: { Accept: 'application/json', Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream' },
      body: file,
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch {
    throw new ApiError(0, 'network', '');
  }
  const data = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, data?.error ?? null, data?.message ?? '');
  return data;
}

/** The kept photo of a question's slip as a data: URL (the pages' policy allows data: images), for moderators. */
export async function slipPhoto(token, id, questionId, sha256) {
  let response;
  try {
    response = await fetch(`/api/sessions/${encodeURIComponent(id)}/questions/${encodeURIComponent(questionId)}/slip/`
      + encodeURIComponent(sha256), { headers: { Authorization: `Bearer ${token}` }, cache: 'no-store', credentials: 'omit' });
  } catch {
    throw new ApiError(0, 'network', '');
  }
  if (!response.ok) {
    const data = await response.json().catch(() => null);
    throw new ApiError(response.status, data?.error ?? null, data?.message ?? '');
  }
  const blob = await response.blob();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result);
    reader.onerror = () => reject(new ApiError(0, 'network', ''));
    reader.readAsDataURL(blob);
  });
}

/** A moderator publishes the photo they looked at: {sha256, url}. */
export function publishSlip(token, id, questionId, sha256) {
  return requestJson(`/api/sessions/${encodeURIComponent(id)}/questions/${encodeURIComponent(questionId)}/slip/publish`,
    { method: 'POST', token, body: { sha256 } });
}
