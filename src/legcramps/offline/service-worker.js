// The site's offline copy. Generated after the build by legcramps.offline.service_worker from the built site:
// PRECACHE lists every file a reader may need offline with a hash of its content. Do not edit sw.js.
//
// - Scope: the folder this file is served from (the site's path, e.g. /leg-cramps/); nothing
//   outside it and nothing from another origin is ever fetched or answered.
// - Install: fetch each listed file (or reuse an identical copy from the previous version's cache),
//   check its hash, and store it. Any failure leaves the old version in charge until the next visit.
// - Activate: delete this site's older caches and take over open pages at once, so a new deploy is
//   what the reader gets on the next page they open.
// - Fetch: a listed file comes from the cache (fast on a weak signal, and one consistent version);
//   anything else goes to the network; an unknown page with no network gets the cached 404 page.
"use strict";

const PRECACHE = __PRECACHE__;
const VERSION = "__VERSION__";

const SCOPE = new URL(self.registration.scope);
const PREFIX = `legcramps-offline ${SCOPE.pathname} `; // caches are per origin: keep sites apart
const CACHE = PREFIX + VERSION;
const HASHES = new Map(PRECACHE);
const NOT_FOUND = "404.html";

// The key a file is stored under carries its hash, so an unchanged file is found in the old cache.
const keyFor = (path, hash) => new URL(`${encodeURI(path)}?rev=${hash}`, SCOPE).href;

async function sha256(buffer) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", buffer));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

async function ourOldCaches() {
  return (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== CACHE);
}

async function store(cache, oldCaches, path, hash) {
  const key = keyFor(path, hash);
  if (await cache.match(key)) return;
  for (const name of oldCaches) {
    const copy = await (await caches.open(name)).match(key);
    if (copy) return cache.put(key, copy);
  }
  const response = await fetch(new URL(encodeURI(path), SCOPE), { cache: "no-cache", credentials: "same-origin" });
  if (!response.ok) throw new Error(`offline copy: ${path} answered ${response.status}`);
  const found = (await sha256(await response.clone().arrayBuffer())).slice(0, hash.length);
  if (found !== hash) throw new Error(`offline copy: ${path} is not the file this version lists`);
  return cache.put(key, response);
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const oldCaches = await ourOldCaches();
    await Promise.all(PRECACHE.map(([path, hash]) => store(cache, oldCaches, path, hash)));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    await Promise.all((await ourOldCaches()).map((name) => caches.delete(name)));
    await self.clients.claim();
  })());
});

// The listed file a request asks for: "strategies/heat/" and "strategies/heat/index.html" are one.
function listedPath(url) {
  if (url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) return null;
  let path;
  try {
    path = decodeURIComponent(url.pathname.slice(SCOPE.pathname.length));
  } catch {
    return null;
  }
  if (path === "index.html" || path.endsWith("/index.html")) path = path.slice(0, -"index.html".length);
  return HASHES.has(path) ? path : null;
}

async function fromCache(request, path) {
  const cached = await caches.match(keyFor(path, HASHES.get(path)), { cacheName: CACHE });
  return cached || fetch(request); // the browser may have cleared the cache: use the network
}

async function pageOrNotFound(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const page = await caches.match(keyFor(NOT_FOUND, HASHES.get(NOT_FOUND)), { cacheName: CACHE });
    if (!page) throw error;
    return new Response(page.body, { status: 404, statusText: "Not Found", headers: page.headers });
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  const path = listedPath(url);
  if (path !== null) {
    event.respondWith(fromCache(request, path));
  } else if (request.mode === "navigate" && url.origin === SCOPE.origin && HASHES.has(NOT_FOUND)) {
    event.respondWith(pageOrNotFound(request));
  }
});
