// The organization's HTTP API for its pages: JSON in and out, the sign-in cookie sent by the browser, the CSRF
// token added to every write (the server refuses a cookie write without it).

/** An answer of the API: its status and its JSON body (null when it has none). */
export async function call(path, { method = 'GET', body = undefined, csrf = undefined } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (csrf) headers['X-CSRF-Token'] = csrf;
  let response;
  try {
    response = await fetch(path, {
      method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { status: 0, json: null };
  }
  let json = null;
  try {
    json = await response.json();
  } catch {
    // an empty answer (204)
  }
  return { status: response.status, json };
}

/** A date and time for readers, in the organization's time zone. */
export function when(iso, language, timeZone) {
  if (!iso) return '';
  try {
    return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'vi-VN',
      { dateStyle: 'full', timeStyle: 'short', timeZone }).format(new Date(iso));
  } catch {
    return new Date(iso).toISOString();
  }
}
