// The service worker: cross-origin isolation on hosts that send no headers, the app shell offline, one build at a time.
//
// How and why (isolation, the precache found by reading the build, updates
// named by a hash of index.html): ARCHITECTURE.md, "www/".

const SCOPE = self.registration.scope;

/** The app page's key in a build's cache; its presence marks the cache complete. */
const INDEX = SCOPE;

/** Cache names: this prefix, then the build's id. Caches are per origin, so the scope is part of it. */
const PREFIX = `gobalance ${new URL(SCOPE).pathname} `;

/** How long opening the page waits for the host's index.html before the cached build answers. */
const NETWORK_WAIT_MS = 3_000;

/** trunk's content-hashed names (`style-0123456789abcdef.css`): the HTTP cache may answer for them. */
const HASHED_NAME = /-[0-9a-f]{8,16}(?:_bg)?\.[a-z]+$/;

function withIsolation(response) {
  // Opaque responses cannot be rewritten, and a redirect must stay what it is.
  if (response.type === 'opaque' || response.type === 'opaqueredirect') return response;
  const headers = new Headers(response.headers);
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

function htmlResponse(text) {
  return withIsolation(new Response(text, { headers: { 'Content-Type': 'text/html; charset=utf-8' } }));
}

async function buildId(indexText) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(indexText));
  return Array.from(new Uint8Array(digest).slice(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** An absolute URL of this app (same origin, inside the scope, not the page itself), or null. */
function appFile(reference, base) {
  if (/^(?:[a-z][a-z0-9+.-]*:|\/\/|#)/i.test(reference)) return null;
  const url = new URL(reference, base);
  url.hash = '';
  return url.href.startsWith(SCOPE) && url.href !== INDEX ? url.href : null;
}

/** What kind of file a URL is, by its name: hosts disagree on Content-Types (`.webmanifest` above all). */
function kindOf(url) {
  if (url === INDEX) return 'html';
  return new URL(url).pathname.match(/\.(html|js|mjs|css|webmanifest|json)$/)?.[1] ?? 'other';
}

/** The files a fetched file refers to, by its kind: what the browser will ask for when it uses it. */
function references(url, text) {
  const kind = kindOf(url);
  const found = [];
  const add = (reference) => {
    const file = appFile(reference, url);
    if (file) found.push(file);
  };
  if (kind === 'html') {
    for (const [tag] of text.matchAll(/<(?:link|script|img|meta)\b[^>]*>/gi)) {
      // Quoted or not: trunk's release build minifies the html and drops
      // the quotes it can.
      const attribute = (name) => {
        const match = tag.match(new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i'));
        return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
      };
      // The meta tags trunk writes name the app's js and wasm.
      const value = tag.startsWith('<meta') ? /^gobalance-/.test(attribute('name') ?? '') && attribute('content') : attribute('href') ?? attribute('src');
      if (value) add(value);
    }
  } else if (kind === 'js' || kind === 'mjs') {
    // Static and dynamic imports of wasm-bindgen's snippets (the rayon worker's helper).
    for (const [, reference] of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*)["'](\.\.?\/snippets\/[^"']+)["']/g)) add(reference);
  } else if (kind === 'css') {
    for (const [, reference] of text.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)) add(reference);
  } else if (kind === 'webmanifest' || kind === 'json') {
    for (const icon of JSON.parse(text).icons ?? []) add(icon.src);
  }
  return found;
}

/** Builds being adopted, by their index.html, so two page loads never download the same build at once. */
const downloads = new Map();

/** Resolves to the current complete build's cache, or null. Reset when the build changes. */
let current = null;

function currentBuild() {
  current ??= (async () => {
    for (const name of await caches.keys()) {
      if (!name.startsWith(PREFIX)) continue;
      const cache = await caches.open(name);
      if (await cache.match(INDEX)) return { name, cache };
    }
    return null;
  })();
  return current;
}

/** Deletes every cache of this app but `keep`. */
async function deleteAllBut(keep) {
  const names = (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== keep);
  await Promise.all(names.map((name) => caches.delete(name)));
}

/** Makes the build of `indexText` the cached one: downloads all of it (unless already complete), then drops the rest. */
async function adoptBuild(indexText) {
  const name = PREFIX + (await buildId(indexText));
  const cache = await caches.open(name);
  if (!(await cache.match(INDEX))) {
    const seen = new Set();
    const queue = references(INDEX, indexText);
    while (queue.length > 0) {
      const url = queue.shift();
      if (seen.has(url)) continue;
      seen.add(url);
      const response = await fetch(url, { cache: HASHED_NAME.test(url) ? 'default' : 'no-cache' });
      if (!response.ok) throw new Error(`${url}: ${response.status}`);
      if (kindOf(url) !== 'other') queue.push(...references(url, await response.clone().text()));
      await cache.put(url, response);
    }
    // Written last: a cache holding index.html is complete.
    await cache.put(INDEX, new Response(indexText, { headers: { 'Content-Type': 'text/html; charset=utf-8' } }));
  }
  // Switch first, then delete: a request in between must not find a deleted cache.
  current = Promise.resolve({ name, cache });
  await deleteAllBut(name);
}

function adoptOnce(indexText) {
  if (!downloads.has(indexText)) {
    downloads.set(indexText, adoptBuild(indexText).finally(() => downloads.delete(indexText)));
  }
  return downloads.get(indexText);
}

/** The host's index.html as text, or null if it fails, is not a page, or takes longer than `waitMs`. */
async function networkIndex(waitMs) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), waitMs);
  try {
    const response = await fetch(INDEX, { cache: 'no-cache', signal: controller.signal });
    const type = response.headers.get('Content-Type') ?? '';
    return response.ok && type.includes('html') ? await response.text() : null;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/** Opening the page: the host's build when it answers in time (downloaded whole first if new), else the cached one. */
async function openPage(request) {
  const fromHost = await networkIndex(NETWORK_WAIT_MS);
  if (fromHost !== null) {
    try {
      await adoptOnce(fromHost);
      return htmlResponse(fromHost);
    } catch {
      // The new build could not be downloaded whole: the cached one still works.
    }
  }
  const build = await currentBuild();
  const cached = build && (await build.cache.match(INDEX));
  if (cached) return withIsolation(cached);
  // Nothing cached and the host did not answer in time: let the browser wait for it.
  return withIsolation(await fetch(request));
}

async function file(request) {
  const build = await currentBuild();
  const cached = build && (await build.cache.match(request, { ignoreVary: true }));
  if (cached) return withIsolation(cached);
  const response = await fetch(request);
  // Fetched on demand (the program module when the editor first opens, the
  // Go helpers): kept in this build's cache, so it works offline from then on.
  if (build && response.ok && new URL(request.url).origin === self.location.origin) {
    await build.cache.put(request, response.clone());
  }
  return withIsolation(response);
}

function isPage(url) {
  const page = new URL(url);
  page.search = '';
  page.hash = '';
  return page.href === INDEX || page.href === `${INDEX}index.html`;
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const indexText = await networkIndex(60_000);
      if (indexText === null) throw new Error('index.html is not available');
      await adoptOnce(indexText);
      // Take over at once: the worker is the same whatever build it serves.
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      current = null;
      const build = await currentBuild();
      if (build) await deleteAllBut(build.name);
      // Control the open page now: boot.js waits for this to reload it isolated.
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || !request.url.startsWith(SCOPE)) return;
  if (request.mode === 'navigate' && isPage(request.url)) {
    event.respondWith(openPage(request));
  } else {
    event.respondWith(file(request));
  }
});
