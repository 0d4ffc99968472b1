// The page's loader: installs the service worker (offline, and cross-origin isolation on hosts that send no headers), then starts the app.
//
// It is a file, not trunk's inline script, so the page's Content-Security-Policy
// can refuse every inline script. Trunk writes the names of the built files
// (content-hashed) into two meta tags; this reads them, so it never changes
// between builds.
//
// 1. A page served with COOP/COEP is already cross-origin isolated: start the
//    app at once, and register the service worker alongside, for offline use.
// 2. A page that is not isolated (a static host that sends no headers) waits
//    for the service worker to control it, then reloads once: the reloaded
//    page comes through the worker, which adds the two headers, so it is
//    isolated and gets threads.
// 3. No service worker (unsupported, not a secure context, refused, failed,
//    or too slow to install), or still not isolated after that one reload:
//    start the app anyway. It runs without threads and says why.

/** Set just before the one reload, so a page that stays unisolated never loops. */
const RELOADED_KEY = 'gobalance.isolation-reload';

/** A first install downloads the whole build; past this the page starts without waiting for it. */
const INSTALL_WAIT_MS = 10_000;

/** The absolute URL of the file trunk named in `<meta name="...">`. */
function builtFile(name) {
  const meta = document.querySelector(`meta[name="${name}"]`);
  return new URL(meta.content, document.baseURI).href;
}

/** Registers ./sw.js for this directory; null if the browser has no service workers or refuses them. */
async function register() {
  if (!window.isSecureContext || !('serviceWorker' in navigator)) return null;
  try {
    // updateViaCache 'none': an update check always asks the host, never the HTTP cache.
    const registration = await navigator.serviceWorker.register('./sw.js', { scope: './', updateViaCache: 'none' });
    // A browser that blocks service workers may resolve with nothing at all.
    return registration ?? null;
  } catch (error) {
    // Already in control, this was only the update check failing (offline, say): nothing to tell.
    if (!navigator.serviceWorker.controller) {
      console.warn(`gobalance: the service worker was refused (${error.message}); threads need COOP/COEP from the host.`);
    }
    return null;
  }
}

/** Resolves true once reloading would put the page under the worker, false if it never will (soon). */
function untilControllable(registration) {
  return new Promise((resolve) => {
    if (navigator.serviceWorker.controller) {
      resolve(true);
      return;
    }
    navigator.serviceWorker.addEventListener('controllerchange', () => resolve(true), { once: true });
    const pending = registration.installing ?? registration.waiting;
    if (pending) {
      // A worker that fails to install becomes redundant and never takes control.
      pending.addEventListener('statechange', () => {
        if (pending.state === 'redundant') resolve(false);
      });
    } else if (registration.active) {
      // Active but not in control: the page was force-reloaded past the worker.
      resolve(true);
    }
    setTimeout(() => resolve(false), INSTALL_WAIT_MS);
  });
}

/** sessionStorage, or null where the browser denies it (then the page never reloads: it could not tell a loop). */
function session() {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/** True if the page is reloading itself to become isolated (the app must not start). */
async function reloadIntoIsolation() {
  const registering = register();
  if (window.crossOriginIsolated) {
    session()?.removeItem(RELOADED_KEY);
    return false;
  }
  const registration = await registering;
  const storage = session();
  if (!registration || !storage || storage.getItem(RELOADED_KEY)) return false;
  if (!(await untilControllable(registration))) return false;
  storage.setItem(RELOADED_KEY, '1');
  window.location.reload();
  return true;
}

async function start() {
  const { default: init } = await import(builtFile('gobalance-js'));
  await init({ module_or_path: builtFile('gobalance-wasm') });
}

try {
  if (!(await reloadIntoIsolation())) await start();
} catch (error) {
  console.error('gobalance could not start:', error);
  const note = document.createElement('p');
  note.textContent = `gobalance could not start: ${error.message}`;
  document.body.append(note);
}
