/**
 * The Electron host: windows, IPC and what only Electron can supply. Every rule
 * and every byte of data lives in the core, which runs in a worker thread.
 */
import { app, BrowserWindow, ipcMain, Menu, session, shell } from 'electron';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CoreWorkerClient } from './host/worker-client';
import { resolveHostPaths } from './host/paths';
import { FORBIDDEN_SENDER, isTrustedSender, mayUsePermission, secureWebPreferences } from './host/security';
import { createDemoDepartment } from './core/demo/department';

const here = dirname(fileURLToPath(import.meta.url));
const rendererIndex = join(here, '../renderer/index.html');
const demo = process.argv.includes('--demo');
// A packaged app takes nothing from the environment: no dev-server page, no other database.
const paths = resolveHostPaths({
  isPackaged: app.isPackaged,
  appPath: app.getAppPath(),
  resourcesPath: process.resourcesPath,
  userData: app.getPath('userData'),
  demo,
  env: process.env,
  platform: process.platform,
  arch: process.arch,
  electronVersion: process.versions.electron,
});
const devServerUrl = paths.devServerUrl;

let mainWindow: BrowserWindow | null = null;
let core: CoreWorkerClient | null = null;

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    title: '信用工作台',
    show: false,
    webPreferences: secureWebPreferences(join(here, '../preload/preload.cjs'), { devTools: !app.isPackaged }),
  });
  win.once('ready-to-show', () => win.show());
  if (devServerUrl) void win.loadURL(devServerUrl);
  else void win.loadFile(rendererIndex);
  return win;
}

async function start(): Promise<void> {
  mkdirSync(dirname(paths.dbPath), { recursive: true });
  const options = { dbPath: paths.dbPath, migrationsFolder: paths.migrationsFolder, nativeBinding: paths.nativeBinding, fontsFolder: paths.fontsFolder };
  if (demo) {
    try {
      const created = await createDemoDepartment(options, undefined, { records: 2000 });
      if (created) console.log(`演示部门已建立：${paths.dbPath}\n${created.summary}`);
    } catch (err) {
      // e.g. a database without its key file: the window says so (app.status), nothing is built over it.
      console.error(`未能建立演示部门：${err instanceof Error ? err.message : String(err)}`);
    }
  }
  core = new CoreWorkerClient(join(here, 'worker.js'), { ...options, scheduleBackups: true });

  ipcMain.handle('credit-desk:invoke', (event, message: { method: string; input: unknown; callId?: string }) => {
    if (!isTrustedSender(event.senderFrame, rendererIndex, devServerUrl)) return FORBIDDEN_SENDER;
    return core!.invoke(message.method, message.input, message.callId);
  });
  ipcMain.handle('credit-desk:cancel', (event, callId: string) => {
    if (isTrustedSender(event.senderFrame, rendererIndex, devServerUrl)) core!.cancel(callId);
  });
  core.onEvent((coreEvent) => mainWindow?.webContents.send('credit-desk:event', coreEvent));

  // No permission (camera, notifications, …) is granted to the page, except writing
  // plain text to the clipboard (copying the recovery code): asked for or checked.
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => callback(mayUsePermission(permission)));
  session.defaultSession.setPermissionCheckHandler((_wc, permission) => mayUsePermission(permission));
  Menu.setApplicationMenu(null);
  mainWindow = createWindow();
}

function listen(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(({ url }) => {
      // Links to the outside open in the system browser, never inside the app.
      if (/^https?:\/\//.test(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });

  app.on('window-all-closed', () => {
    void core?.close().finally(() => app.quit());
  });
}

// One running instance per user: a second one hands over to the first and does nothing else
// (no handlers, no core, no second connection to the database).
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  listen();
  void app.whenReady().then(start);
}
