// The service worker of the resident pages (the join page and /j/<code>): their shell (pages, styles, scripts,
// icons) comes from the cache when the network is poor or gone.
// - Pages: network first; the cached copy when the network fails or has not answered within PAGE_WAIT_MS (the
//   network's answer, when it comes, still refreshes the cache). Every /j/<code> is the same page, kept once.
// - Hashed assets (/assets/<hash>/…): cache first; a hashed URL never changes its content.
// - Anything else (the API, the WebSocket, the other pages, unhashed assets) never touches the cache.
// The server writes VERSION (a hash of every file of the web client) and SHELL (the hashed URLs the resident pages
// use) into this file when it serves it, so a new deployment is a new worker: it fills a cache of its own and, once
// active, deletes the caches of the old one.

const VERSION = '__TOWNHALL_VERSION__';
const SHELL = ['__TOWNHALL_SHELL__'];
const CACHE = `townhall-${VERSION}`;
const PAGE_WAIT_MS = 2500;
const JOIN_PAGE = '/';
/** Any code serves the resident page (the page asks the server which session it is); this one is its cache key. */
const RESIDENT_PAGE = '/j/-';
const HASHED = /^\/assets\/[0-9a-f]{12}\//;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE)
    .then((cache) => cache.addAll([JOIN_PAGE, RESIDENT_PAGE, ...SHELL]))
    .then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((key) => key.startsWith('townhall-') && key !== CACHE)
      .map((key) => caches.delete(key))))
    .then(() => self.clients.claim()));
});

function pageKey(url) {
  if (url.pathname === JOIN_PAGE) return JOIN_PAGE;
  return /^\/j\/[^/]+\/?$/.test(url.pathname) ? RESIDENT_PAGE : null;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const key = request.mode === 'navigate' ? pageKey(url) : null;
  if (key) {
    event.respondWith(networkFirst(request, key));
  } else if (HASHED.test(url.pathname)) {
    event.respondWith(cacheFirst(request));
  }
});

async function networkFirst(request, key) {
  const cache = await caches.open(CACHE);
  const fromNetwork = fetch(request).then((response) => {
    if (response.ok) cache.put(key, response.clone());
    return response;
  });
  fromNetwork.catch(() => {}); // a failure is handled below; after the wait won, it needs no other handling
  const waited = new Promise((resolve) => {
    setTimeout(resolve, PAGE_WAIT_MS, null);
  });
  try {
    const first = await Promise.race([fromNetwork, waited]);
    if (first) return first;
  } catch {
    // offline, or the connection broke: the cached page below
  }
  const cached = await cache.match(key);
  return cached ?? fromNetwork;
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) cache.put(request, response.clone());
  return response;
}
