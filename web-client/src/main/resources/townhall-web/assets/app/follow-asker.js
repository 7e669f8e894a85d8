// The asker's side of a question's follow-up, by its code: subscribe by email, confirm, unsubscribe, rate the answer.
// Tokens travel in JSON bodies (from the link's #fragment) or as the participant's bearer, never in a URL.

async function post(path, body, bearer) {
  const headers = { Accept: 'application/json', 'Content-Type': 'application/json' };
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  try {
    const response = await fetch(path, { method: 'POST', headers, credentials: 'same-origin', body: JSON.stringify(body) });
    let json = null;
    try {
      json = await response.json();
    } catch {
      // no body
    }
    return { status: response.status, json };
  } catch {
    return { status: 0, json: null };
  }
}

const base = (code) => `/api/follow/${encodeURIComponent(code)}`;

export const subscribe = (code, email, language) => post(`${base(code)}/subscribe`, { email, language });
export const confirm = (code, token) => post(`${base(code)}/confirm`, { token });
export const unsubscribe = (code, token) => post(`${base(code)}/unsubscribe`, { token });

/** Rates the answer: by the rating link's token, else as the participant whose token is `bearer`. */
export function rate(code, { rating, reason, token, ref }, bearer) {
  const body = { rating, ref };
  if (reason) body.reason = reason;
  if (token) body.token = token;
  return post(`${base(code)}/rate`, body, token ? undefined : bearer);
}
