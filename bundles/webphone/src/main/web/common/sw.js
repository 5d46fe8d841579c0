// The service worker of the {{APP}} softphone (build.mjs fills in the version, a hash of the
// shell, and the shell's files). Install: cache the shell. Activate: drop older caches of this
// app, take control of open pages. Fetch: the shell from the cache (any page in the scope,
// whatever its query, such as ?call=1002, is the cached page), everything else from the network.
const APP = '{{APP}}';
const VERSION = '{{VERSION}}';
const SHELL = {{SHELL}};
const CACHE = `tabphone-${APP}-${VERSION}`;
const SCOPE = new URL('./', self.location).pathname;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith(`tabphone-${APP}-`) && k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && (url.pathname === SCOPE || url.pathname === `${SCOPE}index.html`)) {
    event.respondWith(caches.open(CACHE).then((c) => c.match('./'))
      .then((hit) => hit || fetch(request)));
    return;
  }
  event.respondWith(caches.open(CACHE).then((c) => c.match(request, { ignoreSearch: true }))
    .then((hit) => hit || fetch(request)));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((list) => {
    const page = list.find((c) => new URL(c.url).pathname.startsWith(SCOPE));
    return page ? page.focus() : self.clients.openWindow(SCOPE);
  }));
});
