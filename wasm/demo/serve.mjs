// A tiny static server for the demo, on 127.0.0.1 only: the demo page at / and the built
// package (wasm/pkg) at /pkg/. `node wasm/demo/serve.mjs [port]` prints the URL.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const demoDir = fileURLToPath(new URL('.', import.meta.url));
const pkgDir = fileURLToPath(new URL('../pkg/', import.meta.url));

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.png': 'image/png',
  '.ts': 'text/plain; charset=utf-8',
};

/** The file a URL path names, or null when it is outside the served folders. */
function fileFor(pathname) {
  let root = demoDir;
  let rest = pathname;
  if (pathname.startsWith('/pkg/')) {
    root = pkgDir;
    rest = pathname.slice('/pkg'.length);
  }
  if (rest.endsWith('/')) rest += 'index.html';
  const file = normalize(join(root, decodeURIComponent(rest)));
  return file.startsWith(root.endsWith(sep) ? root : root + sep) ? file : null;
}

/** Starts the server; resolves to { server, url }. Port 0 picks a free one. */
export function serve(port = 0) {
  const server = createServer(async (req, res) => {
    let file = null;
    try {
      file = fileFor(new URL(req.url, 'http://127.0.0.1').pathname);
    } catch {
      file = null;
    }
    if (!file || req.method !== 'GET') {
      res.writeHead(file ? 405 : 400).end();
      return;
    }
    try {
      const data = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      });
      res.end(data);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      resolve({ server, url: `http://127.0.0.1:${server.address().port}/` });
    });
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const port = Number(process.argv[2] ?? process.env.PORT ?? 8080);
  const { url } = await serve(port);
  console.log(`customer-core demo: ${url}  (Ctrl-C stops it)`);
}
