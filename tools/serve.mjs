// plancalc's development server: serves a folder on the loopback address with the right MIME
// types (application/wasm for streaming compilation) and the strict Content-Security-Policy
// that portals use, so every page is tested the way it will be embedded.
//
//   node tools/serve.mjs [--port 8080] [--root www]     (PORT in the environment works too)
//   --port 0 picks a free port; the first line printed is always "plancalc: serving <url>".

import { createServer } from 'node:http';
import { createReadStream, promises as fs } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
};

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.svg', '.txt', '.csv', '.ts']);
const packed = new Map();
/** A file gzipped, kept while it is unchanged. */
async function gzipped(file, stat) {
  const key = `${file}\u0000${stat.mtimeMs}\u0000${stat.size}`;
  if (!packed.has(key)) packed.set(key, gzipSync(await fs.readFile(file), { level: 6 }));
  return packed.get(key);
}

/** The policy a strict portal sends: no inline script or style, wasm compilation allowed. */
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

function option(args, name, fallback) {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
}

/** Starts a server for `root`; resolves to the running server and its URL. `csp`: the policy its pages get (the
 *  tests give a portal page one that allows frames from another origin). */
export function serve({ root, port = 8080, host = '127.0.0.1', csp = CSP }) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    const send = (status, text) => {
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(text);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed\n');
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      return send(400, 'bad request\n');
    }
    if (pathname.endsWith('/')) pathname += 'index.html';
    const file = resolve(join(base, pathname));
    if (file !== base && !file.startsWith(base + sep)) return send(403, 'forbidden\n');
    if (file.split(sep).includes('node_modules')) return send(404, 'not found\n');
    let stat;
    try {
      stat = await fs.stat(file);
    } catch {
      return send(404, 'not found\n');
    }
    if (!stat.isFile()) return send(404, 'not found\n');
    const headers = {
      'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': stat.size,
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      Vary: 'Accept-Encoding',
    };
    if (extname(file) === '.html') headers['Content-Security-Policy'] = csp;
    // Text and wasm go gzipped to a browser that takes it, as any portal's web server sends them: the wasm is a
    // third of its size on the wire.
    if (COMPRESSIBLE.has(extname(file).toLowerCase()) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
      const body = await gzipped(file, stat);
      headers['Content-Encoding'] = 'gzip';
      headers['Content-Length'] = body.length;
      res.writeHead(200, headers);
      return res.end(req.method === 'HEAD' ? undefined : body);
    }
    res.writeHead(200, headers);
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).pipe(res);
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(Number(port), host, () => {
      const { port: actual } = server.address();
      ok({ server, url: `http://${host}:${actual}/` });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const here = fileURLToPath(new URL('..', import.meta.url));
  const root = resolve(here, option(args, 'root', 'www'));
  const port = option(args, 'port', process.env.PORT ?? '8080');
  serve({ root, port }).then(
    ({ url }) => console.log(`plancalc: serving ${root} at ${url}`),
    (err) => {
      console.error(`plancalc: cannot serve on port ${port}: ${err.message}`);
      process.exit(1);
    },
  );
}
