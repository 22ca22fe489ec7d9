// Placeholder, copied into every build: the real worker is written over it after the build by
// `python -m legcramps.offline.service_worker SITE_DIR` (make build does this). A site published without that step
// must not leave readers with an old offline copy forever: this version removes the site's caches
// and answers nothing itself, so every page comes from the network again.
"use strict";
const PREFIX = `legcramps-offline ${new URL(self.registration.scope).pathname} `;
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const names = (await caches.keys()).filter((name) => name.startsWith(PREFIX));
    await Promise.all(names.map((name) => caches.delete(name)));
    await self.clients.claim();
  })());
});
