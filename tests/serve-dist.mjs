// Serves ../dist for the browser tests, the way a real host must (COOP/COEP), or the way a plain static host does.
//
// usage: node serve-dist.mjs [--port 8091] [--no-isolation] [--base /gobalance/]
//                            [--root <dir>] [--max-request-line 8192]
// --no-isolation      leaves COOP/COEP out, like a host that cannot set headers.
// --base <path>       serves the files under that path (a project page), 404 elsewhere.
// --root <dir>        serves another directory than ../dist (another build).
// --max-request-line  answers 414 to longer request lines, as common static hosts do.

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values: options } = parseArgs({
  options: {
    port: { type: 'string', default: '8091' },
    'no-isolation': { type: 'boolean', default: false },
    base: { type: 'string', default: '/' },
    root: { type: 'string' },
    'max-request-line': { type: 'string' },
  },
});

const rootDir = options.root ? resolve(options.root) + sep : fileURLToPath(new URL('../dist/', import.meta.url));
/** The URL path the files are under: always starts and ends with `/`. */
const base = `/${options.base}/`.replace(/\/+/g, '/');
const maxRequestLine = options['max-request-line'] ? Number(options['max-request-line']) : Infinity;

// application/wasm matters: streaming compilation refuses any other type.
const contentTypes = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

const isolationHeaders = options['no-isolation']
  ? {}
  : {
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
    };

/** The file under the root that a URL path names, or null if it is outside the base or would leave the root. */
function fileFor(urlPath) {
  const decoded = decodeURIComponent(urlPath.split('?')[0]);
  if (!decoded.startsWith(base)) return null;
  const relative = decoded.slice(base.length);
  const file = normalize(join(rootDir, relative.endsWith('/') || relative === '' ? `${relative}index.html` : relative));
  return file.startsWith(rootDir) ? file : null;
}

function answer(response, status, text, headers = {}) {
  response.writeHead(status, { 'Content-Type': 'text/plain', ...headers, ...isolationHeaders });
  response.end(`${text}\n`);
}

// Node refuses headers over 16 KB with its own 431; a larger limit lets
// --max-request-line decide, as a host's front server would.
const server = createServer({ maxHeaderSize: 1 << 20 }, async (request, response) => {
  const url = request.url ?? '/';
  const requestLine = `${request.method} ${url} HTTP/${request.httpVersion}`;
  if (requestLine.length > maxRequestLine) {
    answer(response, 414, 'request line too long');
    return;
  }
  if (`${url.split('?')[0]}/` === base) {
    answer(response, 301, 'moved', { Location: base });
    return;
  }
  const file = fileFor(url);
  const found = file && (await stat(file).catch(() => null));
  if (!found?.isFile()) {
    answer(response, 404, 'not found');
    return;
  }
  response.writeHead(200, {
    'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream',
    'Content-Length': found.size,
    'Cache-Control': 'no-store',
    ...isolationHeaders,
  });
  createReadStream(file).pipe(response);
});

server.listen(Number(options.port), '127.0.0.1', () => {
  const mode = options['no-isolation'] ? 'without' : 'with';
  console.log(`serving ${rootDir} on http://127.0.0.1:${options.port}${base} ${mode} COOP/COEP`);
});
