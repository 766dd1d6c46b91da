/**
 * The Electron host, with a stand-in for the `electron` module (the binary
 * cannot run here): its security settings and sender check stay in place.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { tempFolder } from '../helpers';

const stand = vi.hoisted(() => {
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const appListeners = new Map<string, (...args: unknown[]) => void>();
  const windows: { options: Record<string, unknown>; loaded: string[] }[] = [];
  const invoked: unknown[] = [];
  let permissionHandler: ((wc: unknown, permission: string, cb: (ok: boolean) => void) => void) | null = null;
  return { handlers, appListeners, windows, invoked, getPermissionHandler: () => permissionHandler, setPermissionHandler: (h: typeof permissionHandler) => (permissionHandler = h) };
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
      requestSingleInstanceLock: () => true,
      quit: vi.fn(),
      on: (name: string, fn: (...args: unknown[]) => void) => stand.appListeners.set(name, fn),
      whenReady: () => Promise.resolve(),
      isPackaged: false,
      getAppPath: () => '/app',
      getPath: () => '/user-data',
    },
    BrowserWindow,
    ipcMain: { handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) => stand.handlers.set(channel, fn) },
    Menu: { setApplicationMenu: vi.fn() },
    session: { defaultSession: { setPermissionRequestHandler: (h: never) => stand.setPermissionHandler(h) } },
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
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
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
  });
});
