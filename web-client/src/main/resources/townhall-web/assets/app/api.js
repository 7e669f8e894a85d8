// The HTTP calls the resident page makes.

export class NotFoundError extends Error {}

/** Resolves a join code to {id, code, title, status}; throws NotFoundError for an unknown code. */
export async function sessionByCode(code) {
  const response = await fetch(`/api/sessions/by-code/${encodeURIComponent(code)}`, {
    headers: { Accept: 'application/json' },
    cache: 'no-store',
  });
  if (response.status === 404) throw new NotFoundError(code);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
}
