/**
 * The Electron host, with a stand-in for the `electron` module (the binary
 * cannot run here): its security settings and sender check stay in place.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { tempFolder } from '../helpers';
import { resolveHostPaths } from '../../electron/host/paths';
import { isTrustedSender, secureWebPreferences } from '../../electron/host/security';

const stand = vi.hoisted(() => {
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const appListeners = new Map<string, (...args: unknown[]) => void>();
  const windows: { options: Record<string, unknown>; loaded: string[] }[] = [];
  const invoked: unknown[] = [];
  let permissionHandler: ((wc: unknown, permission: string, cb: (ok: boolean) => void) => void) | null = null;
  let checkHandler: ((wc: unknown, permission: string) => boolean) | null = null;
  const app = { lock: true, quit: 0 };
  return {
    handlers,
    appListeners,
    windows,
    invoked,
    app,
    getPermissionHandler: () => permissionHandler,
    setPermissionHandler: (h: typeof permissionHandler) => (permissionHandler = h),
    getCheckHandler: () => checkHandler,
    setCheckHandler: (h: typeof checkHandler) => (checkHandler = h),
  };
});

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = { send: vi.fn() };
    record: { options: Record<string, unknown>; loaded: string[] };
    constructor(options: Record<string, unknown>) {
      this.record = { options, loaded: [] };
      stand.windows.push(this.record);
    }
    once() {}
    loadFile(file: string) {
      this.record.loaded.push(file);
      return Promise.resolve();
    }
    loadURL(url: string) {
      this.record.loaded.push(url);
      return Promise.resolve();
    }
  }
  return {
    app: {
      requestSingleInstanceLock: () => stand.app.lock,
      quit: () => stand.app.quit++,
      on: (name: string, fn: (...args: unknown[]) => void) => stand.appListeners.set(name, fn),
      whenReady: () => Promise.resolve(),
      isPackaged: false,
      getAppPath: () => '/app',
      getPath: () => '/user-data',
    },
    BrowserWindow,
    ipcMain: { handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) => stand.handlers.set(channel, fn) },
    Menu: { setApplicationMenu: vi.fn() },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: never) => stand.setPermissionHandler(h),
        setPermissionCheckHandler: (h: never) => stand.setCheckHandler(h),
      },
    },
    shell: { openExternal: vi.fn() },
  };
});

vi.mock('../../electron/host/worker-client', () => ({
  CoreWorkerClient: class {
    invoke(method: string, input: unknown) {
      stand.invoked.push({ method, input });
      return Promise.resolve({ ok: true, value: 'from-core' });
    }
    cancel() {}
    onEvent() {
      return () => {};
    }
    close() {
      return Promise.resolve();
    }
  },
}));

beforeAll(async () => {
  process.env.CREDIT_DESK_DB = join(tempFolder(), 'department.db');
  await import('../../electron/main');
  await new Promise((r) => setTimeout(r, 10));
});

describe('the Electron host', () => {
  it('opens the window sandboxed, isolated and without Node', () => {
    expect(stand.windows).toHaveLength(1);
    const prefs = stand.windows[0].options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false, devTools: true });
    expect(String(prefs.preload)).toMatch(/preload\.cjs$/);
    expect(stand.windows[0].loaded[0]).toMatch(/renderer[\\/]index\.html$/);
  });

  it('answers only the app’s own page', async () => {
    const invoke = stand.handlers.get('credit-desk:invoke')!;
    const ownPage = pathToFileURL(stand.windows[0].loaded[0]).href;
    const message = { method: 'app.status', input: {} };
    expect(await invoke({ senderFrame: { url: 'https://evil.example/' } }, message)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await invoke({ senderFrame: null }, message)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(stand.invoked).toHaveLength(0);
    expect(await invoke({ senderFrame: { url: `${ownPage}#/records` } }, message)).toEqual({ ok: true, value: 'from-core' });
    expect(stand.invoked).toEqual([message]);
  });

  it('denies new windows, navigation, webviews and permissions', () => {
    const created = stand.appListeners.get('web-contents-created')!;
    const listeners = new Map<string, (event: { preventDefault: () => void }) => void>();
    let openHandler: ((d: { url: string }) => { action: string }) | null = null;
    created({}, { setWindowOpenHandler: (h: typeof openHandler) => (openHandler = h), on: (n: string, fn: never) => listeners.set(n, fn) });
    expect(openHandler!({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    expect(openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    for (const name of ['will-navigate', 'will-attach-webview']) {
      const event = { preventDefault: vi.fn() };
      listeners.get(name)!(event);
      expect(event.preventDefault, name).toHaveBeenCalled();
    }
    const granted: boolean[] = [];
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'clipboard-sanitized-write']) {
      stand.getPermissionHandler()!({}, permission, (ok) => granted.push(ok));
    }
    expect(granted).toEqual([false, false, false, false, true]);
    // …and permission checks (the page asking whether it has one) answer the same.
    const checked = ['media', 'notifications', 'clipboard-read', 'clipboard-sanitized-write'].map((p) => stand.getCheckHandler()!({}, p));
    expect(checked).toEqual([false, false, false, true]);
  });

  it('a second instance quits and sets nothing up (no handlers, no window, no core)', async () => {
    const listeners = stand.appListeners.size;
    const handlers = stand.handlers.size;
    stand.app.lock = false;
    vi.resetModules();
    await import('../../electron/main');
    await new Promise((r) => setTimeout(r, 10));
    expect(stand.app.quit).toBe(1);
    expect(stand.windows).toHaveLength(1);
    expect(stand.appListeners.size).toBe(listeners);
    expect(stand.handlers.size).toBe(handlers);
    stand.app.lock = true;
  });
});

describe('the host’s security settings', () => {
  const index = '/opt/信用工作台/resources/app.asar/out/renderer/index.html';
  const own = pathToFileURL(index).href;

  it('answers the dev server’s page only at its exact origin and path, never by prefix', () => {
    const dev = 'http://localhost:5173';
    const trusted = (url: string) => isTrustedSender({ url }, index, dev);
    expect(trusted('http://localhost:5173/')).toBe(true);
    expect(trusted('http://localhost:5173/#/records')).toBe(true);
    expect(trusted('http://localhost:5173.attacker.example/')).toBe(false);
    expect(trusted('http://localhost:5173@attacker.example/')).toBe(false);
    expect(trusted('http://localhost:51730/')).toBe(false);
    expect(trusted('http://localhost:5173/evil.html')).toBe(false);
    expect(trusted('https://localhost:5173/')).toBe(false);
    expect(trusted(`${own}#/x`)).toBe(true);
    expect(trusted(`${own}/../other.html`)).toBe(false);
    expect(isTrustedSender({ url: 'http://localhost:5173/' }, index, undefined)).toBe(false);
    expect(trusted('not a url')).toBe(false);
  });

  it('a packaged app honours neither CREDIT_DESK_DB nor ELECTRON_RENDERER_URL; DevTools are off', () => {
    const base = { appPath: '/app', resourcesPath: '/res', userData: '/ud', demo: false, platform: 'linux', arch: 'x64', electronVersion: '45.5.0' };
    const env = { CREDIT_DESK_DB: '/tmp/other.db', ELECTRON_RENDERER_URL: 'http://evil.example/' };
    expect(resolveHostPaths({ ...base, isPackaged: true, env })).toMatchObject({ dbPath: join('/ud', 'data', 'department.db'), devServerUrl: undefined });
    expect(resolveHostPaths({ ...base, isPackaged: false, env })).toMatchObject({ dbPath: '/tmp/other.db', devServerUrl: 'http://evil.example/' });
    expect(secureWebPreferences('/p.cjs', { devTools: false })).toMatchObject({ devTools: false });
  });

  it('electron-builder flips the fuses: no run-as-node, cookie encryption, app only from an integrity-checked asar', () => {
    const config = readFileSync(join(__dirname, '../../electron-builder.yml'), 'utf8');
    const fuses = Object.fromEntries([...config.matchAll(/^\s{2}(\w+): (true|false)$/gm)].map((m) => [m[1], m[2] === 'true']));
    expect(fuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    expect(config).toMatch(/^electronFuses:$/m);
  });
});
