/**
 * The Electron host, with a stand-in for the `electron` module (the binary
 * cannot run here): its security settings and sender check stay in place.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { tempFolder } from '../helpers';
import { resolveHostPaths } from '../../electron/host/paths';
import { isTrustedSender, secureWebPreferences } from '../../electron/host/security';

const stand = vi.hoisted(() => {
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const appListeners = new Map<string, (...args: unknown[]) => void>();
  const windows: FakeWindow[] = [];
  const invoked: unknown[] = [];
  const menus: unknown[][] = [];
  const dialogs: { message: string; buttons: string[]; detail?: string }[] = [];
  const opened: string[] = [];
  let permissionHandler: ((wc: unknown, permission: string, cb: (ok: boolean) => void) => void) | null = null;
  let checkHandler: ((wc: unknown, permission: string) => boolean) | null = null;
  const app = { lock: true, quit: 0, userData: '/user-data', setPaths: [] as [string, string][], lockedAfterSetPath: false };
  return {
    handlers,
    appListeners,
    windows,
    invoked,
    menus,
    dialogs,
    opened,
    app,
    /** What the 重试/退出 dialog answers, in turn (0 重试, 1 退出). */
    dialogAnswers: [] as number[],
    /** Runs while a dialog is up (e.g. the disk is plugged in again). */
    onDialog: null as null | (() => void),
    displays: [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
    getPermissionHandler: () => permissionHandler,
    setPermissionHandler: (h: typeof permissionHandler) => (permissionHandler = h),
    getCheckHandler: () => checkHandler,
    setCheckHandler: (h: typeof checkHandler) => (checkHandler = h),
  };
});

/** The parts of a BrowserWindow the host uses, recording what it is asked. */
interface FakeWindow {
  options: Record<string, unknown>;
  loaded: string[];
  sent: unknown[][];
  listeners: Map<string, (() => void)[]>;
  calls: string[];
  bounds: { x: number; y: number; width: number; height: number };
  maximized: boolean;
  minimized: boolean;
  emit(name: string): void;
}

vi.mock('electron', () => {
  class BrowserWindow {
    record: FakeWindow;
    webContents: { send: (...args: unknown[]) => void };
    constructor(options: Record<string, unknown>) {
      const listeners = new Map<string, (() => void)[]>();
      this.record = {
        options,
        loaded: [],
        sent: [],
        listeners,
        calls: [],
        bounds: { x: Number(options.x ?? 100), y: Number(options.y ?? 80), width: Number(options.width), height: Number(options.height) },
        maximized: false,
        minimized: false,
        emit: (name) => (listeners.get(name) ?? []).forEach((fn) => fn()),
      };
      this.webContents = { send: (...args: unknown[]) => this.record.sent.push(args) };
      stand.windows.push(this.record);
    }
    on(name: string, fn: () => void) {
      this.record.listeners.set(name, [...(this.record.listeners.get(name) ?? []), fn]);
      return this;
    }
    once(name: string, fn: () => void) {
      return this.on(name, fn);
    }
    loadFile(file: string) {
      this.record.loaded.push(file);
      return Promise.resolve();
    }
    loadURL(url: string) {
      this.record.loaded.push(url);
      return Promise.resolve();
    }
    getNormalBounds() {
      return { ...this.record.bounds };
    }
    isMaximized() {
      return this.record.maximized;
    }
    isMinimized() {
      return this.record.minimized;
    }
    isFullScreen() {
      return false;
    }
    maximize() {
      this.record.calls.push('maximize');
      this.record.maximized = true;
    }
    restore() {
      this.record.calls.push('restore');
      this.record.minimized = false;
    }
    show() {
      this.record.calls.push('show');
    }
    focus() {
      this.record.calls.push('focus');
    }
  }
  return {
    app: {
      requestSingleInstanceLock: () => {
        stand.app.lockedAfterSetPath = stand.app.setPaths.some(([name]) => name === 'userData');
        return stand.app.lock;
      },
      setPath: (name: string, path: string) => stand.app.setPaths.push([name, path]),
      quit: () => stand.app.quit++,
      on: (name: string, fn: (...args: unknown[]) => void) => stand.appListeners.set(name, fn),
      whenReady: () => Promise.resolve(),
      isPackaged: false,
      getAppPath: () => '/app',
      getPath: (name: string) => (name === 'appData' ? '/app-data' : stand.app.userData),
    },
    BrowserWindow,
    dialog: {
      showMessageBoxSync: (options: { message: string; buttons: string[]; detail?: string }) => {
        stand.dialogs.push(options);
        stand.onDialog?.();
        return stand.dialogAnswers.shift() ?? 1;
      },
      showMessageBox: (_win: unknown, options: { message: string; buttons: string[]; detail?: string }) => {
        stand.dialogs.push(options);
        return Promise.resolve({ response: 0 });
      },
    },
    ipcMain: { handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) => stand.handlers.set(channel, fn) },
    Menu: {
      buildFromTemplate: (template: unknown[]) => template,
      setApplicationMenu: (menu: unknown[]) => stand.menus.push(menu),
    },
    screen: { getAllDisplays: () => stand.displays },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: never) => stand.setPermissionHandler(h),
        setPermissionCheckHandler: (h: never) => stand.setCheckHandler(h),
      },
    },
    shell: {
      openExternal: vi.fn(),
      openPath: (path: string) => {
        stand.opened.push(path);
        return Promise.resolve('');
      },
    },
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

/** A folder that outlives the test that made it (tempFolder's are removed after each test). */
function lastingFolder(): string {
  return mkdtempSync(join(tmpdir(), 'credit-desk-host-'));
}

/** Starts the host afresh (a new process, as far as main.ts can tell). */
async function startHost(): Promise<void> {
  vi.resetModules();
  await import('../../electron/main');
  await new Promise((r) => setTimeout(r, 10));
}

beforeAll(async () => {
  stand.app.userData = lastingFolder();
  process.env.CREDIT_DESK_DB = join(lastingFolder(), 'department.db');
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

type MenuItem = { label?: string; role?: string; accelerator?: string; type?: string; click?: () => void; submenu?: MenuItem[] };

describe('the data folder’s name', () => {
  it('is <appData>/credit-desk (ASCII, as README says), set before the single-instance lock uses it', () => {
    expect(stand.app.setPaths[0]).toEqual(['userData', join('/app-data', 'credit-desk')]);
    expect(stand.app.lockedAfterSetPath).toBe(true);
  });
});

describe('the application menu', () => {
  const menu = () => stand.menus[0] as MenuItem[];
  const find = (top: string, label: string) => menu().find((m) => m.label === top)!.submenu!.find((i) => i.label === label)!;

  it('is in Chinese: 文件, 编辑 with the standard copy and paste roles, 视图, 帮助 with 用户手册 and 关于', () => {
    expect(menu().map((m) => m.label)).toEqual(['文件(&F)', '编辑(&E)', '视图(&V)', '帮助(&H)']);
    const edit = menu()[1].submenu!.filter((i) => i.role).map((i) => [i.label, i.role]);
    expect(edit).toEqual([
      ['撤销', 'undo'],
      ['重做', 'redo'],
      ['剪切', 'cut'],
      ['复制', 'copy'],
      ['粘贴', 'paste'],
      ['粘贴为纯文本', 'pasteAndMatchStyle'],
      ['删除', 'delete'],
      ['全选', 'selectAll'],
    ]);
    expect(menu()[2].submenu!.filter((i) => i.role).map((i) => i.role)).toEqual(['reload', 'zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen', 'toggleDevTools']);
    expect(menu()[3].submenu!.filter((i) => i.label).map((i) => [i.label, i.accelerator ?? null])).toEqual([
      ['本页帮助', 'F1'],
      ['用户手册', null],
      ['键盘快捷键', null],
      ['诊断信息', null],
      ['关于信用工作台', null],
    ]);
    expect(find('文件(&F)', '退出')).toMatchObject({ role: 'quit', accelerator: 'CmdOrCtrl+Q' });
    expect(find('文件(&F)', '锁定工作台').accelerator).toBe('CmdOrCtrl+L');
  });

  it('sends the page what it asks for (help, 关于, printing the manual, locking), as a menu event', () => {
    const win = stand.windows[0];
    const before = win.sent.length;
    find('帮助(&H)', '关于信用工作台').click!();
    find('帮助(&H)', '本页帮助').click!();
    find('文件(&F)', '打印用户手册…').click!();
    find('文件(&F)', '锁定工作台').click!();
    expect(win.sent.slice(before)).toEqual([
      ['credit-desk:event', { type: 'menu', command: 'about' }],
      ['credit-desk:event', { type: 'menu', command: 'page-help' }],
      ['credit-desk:event', { type: 'menu', command: 'print-manual' }],
      ['credit-desk:event', { type: 'menu', command: 'lock' }],
    ]);
  });

  it('has no 开发者工具 in the packaged app', async () => {
    const { menuTemplate } = await import('../../electron/host/menu');
    const roles = JSON.stringify(menuTemplate({ devTools: false, send: () => {} }));
    expect(roles).not.toContain('toggleDevTools');
    expect(roles).toContain('"role":"copy"');
  });

  it('opens the data folder for 关于 → 打开文件夹 (the host, not the core, does it)', async () => {
    const invoke = stand.handlers.get('credit-desk:invoke')!;
    const ownPage = pathToFileURL(stand.windows[0].loaded[0]).href;
    const result = await invoke({ senderFrame: { url: ownPage } }, { method: 'app.openDataFolder', input: {} });
    expect(result).toMatchObject({ ok: true, value: { opened: true } });
    expect(stand.opened).toEqual([join(process.env.CREDIT_DESK_DB!, '..')]);
    expect(await invoke({ senderFrame: { url: 'https://evil.example/' } }, { method: 'app.openDataFolder', input: {} })).toMatchObject({ ok: false });
    expect(stand.opened).toHaveLength(1);
  });
});

describe('the window between starts', () => {
  it('keeps its size, position and maximised state: saved when it closes, restored at the next start', async () => {
    stand.app.userData = lastingFolder();
    await startHost();
    const first = stand.windows.at(-1)!;
    // No saved state yet: the default size, placed by the system.
    expect(first.options).toMatchObject({ width: 1360, height: 860, minWidth: 1024, minHeight: 640 });
    expect(first.options.x).toBeUndefined();
    first.bounds = { x: 210, y: 130, width: 1280, height: 720 };
    first.maximized = true;
    first.emit('close');
    const saved = JSON.parse(readFileSync(join(stand.app.userData, 'window-state.json'), 'utf8'));
    expect(saved).toEqual({ x: 210, y: 130, width: 1280, height: 720, maximized: true });

    await startHost();
    const second = stand.windows.at(-1)!;
    expect(second).not.toBe(first);
    expect(second.options).toMatchObject({ x: 210, y: 130, width: 1280, height: 720 });
    expect(second.calls).toEqual([]);
    second.emit('ready-to-show');
    expect(second.calls).toEqual(['maximize', 'show']);
  });

  it('saves shortly after a move or resize too (a crash keeps the last arrangement)', async () => {
    vi.useFakeTimers();
    try {
      stand.app.userData = lastingFolder();
      vi.resetModules();
      await import('../../electron/main');
      await vi.advanceTimersByTimeAsync(10);
      const win = stand.windows.at(-1)!;
      win.bounds = { x: 50, y: 60, width: 1100, height: 700 };
      win.emit('move');
      win.emit('resize');
      const file = join(stand.app.userData, 'window-state.json');
      expect(existsSync(file)).toBe(false);
      await vi.advanceTimersByTimeAsync(1100);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ x: 50, y: 60, width: 1100, height: 700, maximized: false });
    } finally {
      vi.useRealTimers();
    }
  });

  it('never opens out of sight: a position on an unplugged monitor is dropped, a size larger than the screen is fitted', async () => {
    const { loadWindowState } = await import('../../electron/host/window-state');
    const file = join(tempFolder(), 'window-state.json');
    const laptop = [{ x: 0, y: 0, width: 1366, height: 728 }];
    writeFileSync(file, JSON.stringify({ x: 2200, y: 100, width: 1600, height: 1000, maximized: false }));
    expect(loadWindowState(file, laptop)).toEqual({ width: 1366, height: 728, maximized: false });
    writeFileSync(file, JSON.stringify({ x: 40, y: 30, width: 1200, height: 700, maximized: true }));
    expect(loadWindowState(file, laptop)).toEqual({ x: 40, y: 30, width: 1200, height: 700, maximized: true });
    writeFileSync(file, '{ damaged');
    expect(loadWindowState(file, laptop)).toEqual({ width: 1360, height: 860, maximized: false });
    writeFileSync(file, JSON.stringify({ x: 0, y: 0, width: 300, height: 200 }));
    expect(loadWindowState(file, laptop)).toMatchObject({ width: 1024, height: 640 });
  });
});

describe('a second start', () => {
  it('brings the running window to the front, restored if it was minimised', () => {
    const win = stand.windows.at(-1)!;
    win.minimized = true;
    win.calls.length = 0;
    stand.appListeners.get('second-instance')!();
    expect(win.calls).toEqual(['restore', 'show', 'focus']);
    win.calls.length = 0;
    stand.appListeners.get('second-instance')!();
    expect(win.calls).toEqual(['show', 'focus']);
  });
});

describe('a data folder on a drive that went away', () => {
  it('says so with 重试 and 退出, and never offers a new department in its place', async () => {
    stand.app.userData = lastingFolder();
    const drive = lastingFolder();
    const dbPath = join(drive, 'credit', 'department.db');
    const previous = process.env.CREDIT_DESK_DB;
    try {
      process.env.CREDIT_DESK_DB = dbPath;
      // A first start creates the folder; the department is remembered once its database exists.
      await startHost();
      writeFileSync(dbPath, 'a department');
      stand.appListeners.get('window-all-closed')!();
      const windows = stand.windows.length;
      const quits = stand.app.quit;
      // The USB disk is unplugged.
      rmSync(drive, { recursive: true, force: true });
      stand.dialogs.length = 0;
      stand.dialogAnswers.push(0, 1); // 重试 (still gone), then 退出
      await startHost();
      expect(stand.dialogs).toHaveLength(2);
      expect(stand.dialogs[0]).toMatchObject({ message: '找不到数据文件夹', buttons: ['重试', '退出'] });
      expect(stand.dialogs[0].detail).toContain(join(drive, 'credit'));
      expect(stand.dialogs[0].detail).toMatch(/移动硬盘.*网络驱动器/s);
      expect(stand.windows).toHaveLength(windows);
      expect(stand.app.quit).toBeGreaterThan(quits);
      expect(existsSync(join(drive, 'credit'))).toBe(false); // nothing created in its place

      // Plugged in again while the dialog is up: 重试 opens the window.
      stand.dialogs.length = 0;
      stand.dialogAnswers.push(0);
      stand.onDialog = () => {
        mkdirSync(join(drive, 'credit'), { recursive: true });
        writeFileSync(dbPath, 'a department');
      };
      await startHost();
      stand.onDialog = null;
      expect(stand.dialogs).toHaveLength(1);
      expect(stand.windows).toHaveLength(windows + 1);
    } finally {
      process.env.CREDIT_DESK_DB = previous;
    }
  });

  it('tells the window when the folder goes away while the app runs', async () => {
    const { watchDataFolder } = await import('../../electron/host/data-folder');
    const drive = tempFolder();
    const dbPath = join(drive, 'data', 'department.db');
    mkdirSync(join(drive, 'data'));
    writeFileSync(dbPath, 'x');
    const seen: string[] = [];
    const stop = watchDataFolder(dbPath, join(tempFolder(), 'known.json'), (p) => seen.push(p.code), 20);
    await new Promise((r) => setTimeout(r, 60));
    expect(seen).toEqual([]);
    rmSync(join(drive, 'data'), { recursive: true });
    await new Promise((r) => setTimeout(r, 120));
    stop();
    expect(seen).toEqual(['DATA_FOLDER_GONE']);
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
