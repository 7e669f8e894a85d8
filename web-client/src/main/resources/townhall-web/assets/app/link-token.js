// A token handed over in a link's fragment (#token=…), as the moderator and stage links carry it: browsers never
// send the fragment to a server. It is kept where the page keeps it and taken out of the address bar, so it is
// neither shown on a projector nor copied along with the address.

/**
 * @param {{get: () => string|null, set: (token: string) => void}} kept where the page keeps its token
 * @returns {string|null} the token of the link, else the one kept from before
 */
export function takeLinkToken(kept) {
  const fragment = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const fromUrl = fragment.get('token');
  if (fromUrl) {
    kept.set(fromUrl);
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  }
  return fromUrl || kept.get();
}
