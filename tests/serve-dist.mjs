// Serves ../dist for the browser tests, the way a real host must: with COOP/COEP.
//
// usage: node serve-dist.mjs --port 8091 [--no-isolation]
// --no-isolation leaves the two headers out, to test the page without threads.

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values: options } = parseArgs({
  options: {
    port: { type: 'string', default: '8091' },
    'no-isolation': { type: 'boolean', default: false },
  },
});

const distDir = fileURLToPath(new URL('../dist/', import.meta.url));

// application/wasm matters: streaming compilation refuses any other type.
const contentTypes = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
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

/** The file under dist/ that a URL path names, or null if it would leave dist/. */
function fileFor(urlPath) {
  const decoded = decodeURIComponent(urlPath.split('?')[0]);
  const relative = decoded.endsWith('/') ? `${decoded}index.html` : decoded;
  const file = normalize(join(distDir, relative));
  return file.startsWith(distDir) ? file : null;
}

const server = createServer(async (request, response) => {
  const file = fileFor(request.url ?? '/');
  const found = file && (await stat(file).catch(() => null));
  if (!found?.isFile()) {
    response.writeHead(404, { 'Content-Type': 'text/plain', ...isolationHeaders });
    response.end('not found\n');
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
  console.log(`serving ${distDir} on http://127.0.0.1:${options.port} ${mode} COOP/COEP`);
});
