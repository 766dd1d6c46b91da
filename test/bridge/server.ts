/**
 * The second transport, for tests and development only (never shipped): a
 * loopback HTTP server that serves the built renderer (out/renderer) to an
 * ordinary browser and gives it `window.creditDesk` backed by a real core.
 *
 *   GET  /?token=T              index.html, with /__bridge.js injected before the app's script
 *   GET  /__bridge.js?token=T   defines window.creditDesk (fetch + Server-Sent Events)
 *   POST /__invoke              {method, input, callId} → the core's Result  (header x-credit-desk-token)
 *   POST /__cancel              {callId}                                     (header x-credit-desk-token)
 *   GET  /__events?token=T      the core's events as Server-Sent Events
 *   GET  /assets/…              the build's static files (public, like the shipped app)
 *
 * Bound to 127.0.0.1 on a random port; every bridge route needs the random
 * token, and a foreign Host header (DNS rebinding) is refused.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, type Core } from '../../electron/core/index';
import { letOffFirstLoginChange } from '../first-login';
import type { CoreEvent } from '../../electron/contract';

export const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../../out/renderer', import.meta.url));
const TOKEN_HEADER = 'x-credit-desk-token';
const MAX_BODY_BYTES = 16 * 1024 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
};

export interface BridgeOptions {
  dbPath: string;
  kdfCost?: { N: number; r: number; p: number };
  /** Tests not about first logins: accounts users.add makes need no password change (test/first-login.ts). */
  letOffFirstLoginChange?: boolean;
  /** The built renderer; defaults to out/renderer. */
  rendererDir?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** The core's clock (tests that need a given day). */
  now?: () => Date;
}

export interface Bridge {
  /** Open this in a browser: it carries the token. */
  url: string;
  token: string;
  core: Core;
  /** The department database behind it. */
  dbPath: string;
  close(): Promise<void>;
}

/** The script that gives the page `window.creditDesk`, imitating the preload. */
function bridgeScript(token: string): string {
  return `(() => {
  'use strict';
  const token = ${JSON.stringify(token)};
  const listeners = new Set();
  const source = new EventSource('/__events?token=' + encodeURIComponent(token));
  source.onmessage = (message) => {
    const event = JSON.parse(message.data);
    for (const listener of listeners) {
      try { listener(event); } catch (err) { console.error(err); }
    }
  };
  async function post(path, body) {
    const res = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ${JSON.stringify(TOKEN_HEADER)}: token },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error('test bridge: HTTP ' + res.status);
    return res.json();
  }
  window.creditDesk = Object.freeze({
    invoke: (method, input, callId) => post('/__invoke', { method, input, callId }),
    cancel: (callId) => post('/__cancel', { callId }).then(() => undefined),
    onEvent: (listener) => {
      listeners.add(listener);
      return () => { listeners.delete(listener); };
    },
  });
})();
`;
}

/** Puts the bridge script before the app's first script, so `window.creditDesk` exists when the app starts. */
export function injectBridge(html: string, token: string): string {
  const tag = `<script src="/__bridge.js?token=${encodeURIComponent(token)}"></script>`;
  const at = html.search(/<script\b/i);
  if (at >= 0) return `${html.slice(0, at)}${tag}\n    ${html.slice(at)}`;
  return html.replace(/<\/head>/i, `${tag}</head>`);
}

function sameSecret(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function send(res: ServerResponse, status: number, body: string | Buffer, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  res.end(body);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as unknown) : {};
}

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const rendererDir = resolve(options.rendererDir ?? DEFAULT_RENDERER_DIR);
  const indexPath = join(rendererDir, 'index.html');
  if (!existsSync(indexPath)) {
    throw new Error(`No renderer build at ${rendererDir}: run \`npm run build\` first.`);
  }
  const token = randomBytes(32).toString('base64url');
  const created = createCore({ dbPath: options.dbPath, kdfCost: options.kdfCost, ...(options.now ? { now: options.now } : {}) });
  const core = options.letOffFirstLoginChange ? letOffFirstLoginChange(created, options.dbPath) : created;
  const streams = new Set<ServerResponse>();
  const unsubscribe = core.onEvent((event: CoreEvent) => {
    const frame = `data: ${JSON.stringify(event)}\n\n`;
    for (const res of streams) res.write(frame);
  });
  let port = 0;

  const serveStatic = (res: ServerResponse, pathname: string): void => {
    const file = normalize(join(rendererDir, decodeURIComponent(pathname)));
    if (!file.startsWith(rendererDir + sep) || !existsSync(file) || !statSync(file).isFile()) {
      send(res, 404, 'Not found');
      return;
    }
    send(res, 200, readFileSync(file), CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream');
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      send(res, 403, 'Forbidden host');
      return;
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const queryToken = url.searchParams.get('token');
    const headerToken = req.headers[TOKEN_HEADER];

    if (url.pathname === '/__invoke' || url.pathname === '/__cancel') {
      if (!sameSecret(typeof headerToken === 'string' ? headerToken : null, token)) {
        send(res, 403, 'Forbidden');
        return;
      }
      if (req.method !== 'POST') {
        send(res, 405, 'Method not allowed');
        return;
      }
      let body: { method?: unknown; input?: unknown; callId?: unknown };
      try {
        body = (await readJson(req)) as typeof body;
      } catch {
        send(res, 400, 'Bad request');
        return;
      }
      const callId = typeof body.callId === 'string' ? body.callId : undefined;
      if (url.pathname === '/__cancel') {
        if (callId) core.cancel(callId);
        send(res, 200, 'null', 'application/json');
        return;
      }
      const result = await core.invoke(String(body.method), body.input, callId, 'page');
      send(res, 200, JSON.stringify(result), 'application/json');
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'Method not allowed');
      return;
    }

    if (url.pathname === '/__events') {
      if (!sameSecret(queryToken, token)) {
        send(res, 403, 'Forbidden');
        return;
      }
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      streams.add(res);
      const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
      req.on('close', () => {
        clearInterval(ping);
        streams.delete(res);
      });
      return;
    }

    if (url.pathname === '/__bridge.js') {
      if (!sameSecret(queryToken, token)) {
        send(res, 403, 'Forbidden');
        return;
      }
      send(res, 200, bridgeScript(token), 'text/javascript; charset=utf-8');
      return;
    }

    if (url.pathname === '/' || url.pathname === '/index.html') {
      if (!sameSecret(queryToken, token)) {
        send(res, 403, 'Forbidden: open the URL printed by the bridge (it carries the token).');
        return;
      }
      send(res, 200, injectBridge(readFileSync(indexPath, 'utf8'), token), 'text/html; charset=utf-8');
      return;
    }

    serveStatic(res, url.pathname);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, `Bridge error: ${err instanceof Error ? err.message : String(err)}`);
      else res.end();
    });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;

  let closed = false;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    core,
    dbPath: options.dbPath,
    async close() {
      if (closed) return;
      closed = true;
      unsubscribe();
      for (const res of streams) res.end();
      streams.clear();
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
      core.close();
    },
  };
}
