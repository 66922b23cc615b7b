// A tiny static server for the demo, on 127.0.0.1 only: the demo page at / and the built
// package (wasm/pkg) at /pkg/, brotli- or gzip-compressed when the browser accepts it
// (compressed once per file and kept), the .wasm as `application/wasm` (so that
// `WebAssembly.compileStreaming` compiles it while it downloads).
// `node wasm/demo/serve.mjs [port]` prints the URL.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const demoDir = fileURLToPath(new URL('.', import.meta.url));
const pkgDir = fileURLToPath(new URL('../pkg/', import.meta.url));
// The tests' build with the panic hooks (wasm/build.sh), for the e2e test of that path.
const pkgTestDir = fileURLToPath(new URL('../../target/wasm/pkg-test/', import.meta.url));

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
  } else if (pathname.startsWith('/pkg-test/')) {
    root = pkgTestDir;
    rest = pathname.slice('/pkg-test'.length);
  }
  if (rest.endsWith('/')) rest += 'index.html';
  const file = normalize(join(root, decodeURIComponent(rest)));
  return file.startsWith(root.endsWith(sep) ? root : root + sep) ? file : null;
}

const COMPRESSED = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.ts']);
const cache = new Map();

/** `data` in the encoding the request accepts best (br, then gzip), kept per file. */
async function encoded(file, accept) {
  const data = await readFile(file);
  const encoding = /\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : null;
  if (!encoding || !COMPRESSED.has(extname(file))) return { data, encoding: null };
  const key = `${encoding} ${file} ${(await stat(file)).mtimeMs}`;
  if (!cache.has(key)) {
    cache.set(key, encoding === 'br'
      ? brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })
      : gzipSync(data, { level: 9 }));
  }
  return { data: cache.get(key), encoding };
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
      const { data, encoding } = await encoded(file, String(req.headers['accept-encoding'] ?? ''));
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
        vary: 'accept-encoding',
        ...(encoding ? { 'content-encoding': encoding } : {}),
        'content-length': data.length,
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
