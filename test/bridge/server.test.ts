/**
 * The test bridge's own guarantees: loopback only, every bridge route behind
 * the random token, no files outside the renderer build, the bridge script
 * injected before the app's script, and events delivered as Server-Sent Events.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { injectBridge, startBridge, type Bridge } from './server';

const INDEX = `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'self'">
<script type="module" src="./assets/app.js"></script></head><body><div id="root"></div></body></html>`;

let bridge: Bridge | null = null;
let dir = '';

afterEach(async () => {
  await bridge?.close();
  bridge = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function start(): Promise<Bridge> {
  dir = mkdtempSync(join(tmpdir(), 'credit-desk-bridge-'));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), INDEX);
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'not to be served');
  bridge = await startBridge({ dbPath: join(dir, 'department.db'), kdfCost: { N: 1024, r: 8, p: 1 }, rendererDir });
  return bridge;
}

/** A raw request, so the Host header and the path can be anything. */
function raw(
  url: string,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: u.hostname, port: u.port, method: options.method ?? 'GET', path: options.path ?? u.pathname + u.search, headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('test bridge', () => {
  it('binds to 127.0.0.1 and serves index.html only with the token, bridge script first', async () => {
    const b = await start();
    const url = new URL(b.url);
    expect(url.hostname).toBe('127.0.0.1');
    expect(b.token.length).toBeGreaterThanOrEqual(40);

    const page = await raw(b.url);
    expect(page.status).toBe(200);
    const bridgeAt = page.body.indexOf(`<script src="/__bridge.js?token=${b.token}"></script>`);
    const appAt = page.body.indexOf('<script type="module"');
    expect(bridgeAt).toBeGreaterThan(0);
    expect(bridgeAt).toBeLessThan(appAt);

    expect((await raw(b.url, { path: '/' })).status).toBe(403);
    expect((await raw(b.url, { path: '/?token=wrong' })).status).toBe(403);
    expect((await raw(b.url, { path: '/assets/app.js' })).status).toBe(200);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const b = await start();
    expect((await raw(b.url, { headers: { host: 'attacker.example' } })).status).toBe(403);
  });

  it('needs the token on every bridge route', async () => {
    const b = await start();
    const invoke = (headers: Record<string, string>) =>
      raw(b.url, { method: 'POST', path: '/__invoke', headers, body: JSON.stringify({ method: 'app.status' }) });
    expect((await invoke({})).status).toBe(403);
    expect((await invoke({ 'x-credit-desk-token': 'wrong' })).status).toBe(403);
    const ok = await invoke({ 'x-credit-desk-token': b.token });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, value: { initialized: false, user: null } });

    expect((await raw(b.url, { path: '/__bridge.js' })).status).toBe(403);
    expect((await raw(b.url, { path: `/__bridge.js?token=${b.token}` })).status).toBe(200);
    expect((await raw(b.url, { path: '/__events?token=wrong' })).status).toBe(403);
    expect((await raw(b.url, { method: 'POST', path: '/__cancel', body: '{}' })).status).toBe(403);
  });

  it('serves nothing outside the renderer build', async () => {
    const b = await start();
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/missing.js']) {
      const res = await raw(b.url, { path });
      expect(res.status, path).toBe(404);
      expect(res.body).not.toContain('not to be served');
    }
  });

  it('streams core events to /__events', async () => {
    const b = await start();
    const url = new URL(b.url);
    const received = new Promise<string>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path: `/__events?token=${b.token}` }, (res) => {
        expect(res.headers['content-type']).toContain('text/event-stream');
        let text = '';
        res.on('data', (c: Buffer) => {
          text += c.toString('utf8');
          if (text.includes('"type":"progress"')) {
            resolve(text);
            req.destroy();
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
    // Give the stream a moment to attach, then run a long method that reports progress.
    await new Promise((r) => setTimeout(r, 100));
    const department = { name: '测试局', uscc: '91350200776049653A' };
    await b.core.invoke('setup.initialize', { department, admin: { login: 'admin', name: '管理员', password: 'admin-pass-1' } });
    await b.core.invoke('audit.verify', undefined, 'call-1');
    expect(await received).toContain('"callId":"call-1"');
  });

  it('injects before the first script, or into <head> when there is none', () => {
    expect(injectBridge('<head><script src="a.js"></script></head>', 'T')).toMatch(
      /^<head><script src="\/__bridge\.js\?token=T"><\/script>\s*<script src="a\.js">/,
    );
    expect(injectBridge('<head></head>', 'T')).toBe('<head><script src="/__bridge.js?token=T"></script></head>');
  });
});
