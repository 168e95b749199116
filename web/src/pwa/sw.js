// The web app's service worker, served at /sw.js (scope /). The build (web/vite.config.ts, serviceWorker()) writes
// this file to dist/sw.js with the build's version and the list of files to precache in place of the two markers
// below; it is a classic script with no imports, as Firefox ESR runs no module service workers.
//
// What it does, and only this:
// - precaches the shell: the app's page (as / answers it) and every file of the build (hashed scripts and styles,
//   icons, the manifest), so the app opens without a network;
// - answers navigations from the network first (with navigation preload, so the page is not held up while this
//   worker starts) and with the cached page when there is no network;
// - answers the build's files from the cache, falling back to the network;
// - never touches /api, /media, /artwork, /hubs or any other server path, nor any other origin (the edges): those
//   carry sessions and tokens, and a download's segments live in IndexedDB, encrypted, not in this cache.
// A new build is a new version: it installs beside the old one and waits; the page offers to reload, and then asks
// it to take over ('skip-waiting'), and the old version's cache is deleted when the new one activates.
/* global self, caches, fetch, Response, URL */

const version = '__MARQUEE_SW_VERSION__';
const precache = /* __MARQUEE_SW_PRECACHE__ */ [];
const cacheName = `marquee-shell-${version}`;
const shell = '/';
// The first path segments that belong to the server, as in the origin's WebAppHosting; /hubs is the parties' SignalR.
const serverSegments = ['api', 'media', 'artwork', 'hubs', 'openapi', 'healthz', 'metrics', 'embed', 'oembed', 'join'];

function isServerPath(pathname) {
  const first = pathname.split('/')[1] ?? '';
  return serverSegments.includes(first.toLowerCase());
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(cacheName).then((cache) =>
      // Fresh from the network, not from the HTTP cache: the page is revalidated anyway, the files are hashed.
      cache.addAll([shell, ...precache].map((url) => new Request(url, { cache: 'reload', credentials: 'same-origin' }))),
    ),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((name) => name.startsWith('marquee-shell-') && name !== cacheName).map((name) => caches.delete(name)));
      if (self.registration.navigationPreload) await self.registration.navigationPreload.enable();
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data?.type === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || isServerPath(url.pathname)) return;
  if (request.mode === 'navigate') {
    event.respondWith(navigate(event));
    return;
  }
  if (precache.includes(url.pathname)) event.respondWith(fromCache(request));
});

async function navigate(event) {
  try {
    const preloaded = await event.preloadResponse;
    if (preloaded) return preloaded;
    return await fetch(event.request);
  } catch {
    // No network: the app's page from the cache; the app routes the address itself, as with a deep link.
    const cached = await caches.match(shell, { cacheName });
    return cached ?? Response.error();
  }
}

async function fromCache(request) {
  const cached = await caches.match(request, { cacheName, ignoreSearch: true });
  return cached ?? fetch(request);
}
