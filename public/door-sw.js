// The door desk's service worker (docs/decisions/0018-offline-door.md), registered by the desk with
// the scope /espace-usine/. It keeps two things so that a reload without network still shows the
// desk: the desk page itself (network first, the last good copy when offline) and the build's
// immutable assets (/_next/static, cache first). Nothing else is cached: the day's copy of the
// tickets, the sync and server actions always go to the network, and their data lives in IndexedDB.
const PAGES = "door-pages-v1"; // lib/factory/door-device.ts deletes it at sign-out
const STATIC = "door-static-v1";
const DESK = /^\/espace-usine\/[^/]+\/accueil\/?$/;

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

// A page answered after a redirect is the sign-in page, not the desk: never kept.
const keepable = (response) => response.ok && !response.redirected && response.type === "basic";

async function put(cacheName, key, response) {
  if (keepable(response)) await (await caches.open(cacheName)).put(key, response);
}

// The desk sends what it loaded before this worker controlled it (its first visit).
self.addEventListener("message", (event) => {
  if (event.data?.type !== "keep" || !Array.isArray(event.data.urls)) return;
  event.waitUntil(
    Promise.all(
      event.data.urls.map(async (href) => {
        const url = new URL(href, self.location.origin);
        if (url.origin !== self.location.origin) return;
        if (url.pathname.startsWith("/_next/static/")) {
          if (!(await caches.match(url, { cacheName: STATIC }))) await put(STATIC, url, await fetch(url));
        } else if (DESK.test(url.pathname)) {
          await put(PAGES, url.pathname, await fetch(url, { credentials: "same-origin" }));
        }
      }),
    ).catch(() => undefined),
  );
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/_next/static/")) {
    event.respondWith(
      caches.match(request, { cacheName: STATIC }).then(
        (hit) =>
          hit ??
          fetch(request).then((response) => {
            event.waitUntil(put(STATIC, request, response.clone()));
            return response;
          }),
      ),
    );
  } else if (request.mode === "navigate" && DESK.test(url.pathname)) {
    event.respondWith(
      fetch(request)
        .then((response) => {
          event.waitUntil(put(PAGES, url.pathname, response.clone()));
          return response;
        })
        .catch(async () => (await caches.match(url.pathname, { cacheName: PAGES })) ?? Response.error()),
    );
  }
});
