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
import { FORBIDDEN_SENDER, isTrustedSender, secureWebPreferences } from './host/security';
import { createDemoDepartment } from './core/demo/department';

const here = dirname(fileURLToPath(import.meta.url));
const rendererIndex = join(here, '../renderer/index.html');
const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const demo = process.argv.includes('--demo');

if (!app.requestSingleInstanceLock()) app.quit();

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
    webPreferences: secureWebPreferences(join(here, '../preload/preload.cjs')),
  });
  win.once('ready-to-show', () => win.show());
  if (devServerUrl) void win.loadURL(devServerUrl);
  else void win.loadFile(rendererIndex);
  return win;
}

async function start(): Promise<void> {
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
  mkdirSync(dirname(paths.dbPath), { recursive: true });
  const options = { dbPath: paths.dbPath, migrationsFolder: paths.migrationsFolder, nativeBinding: paths.nativeBinding, fontsFolder: paths.fontsFolder };
  if (demo) {
    const created = await createDemoDepartment(options, undefined, { records: 2000 });
    if (created) console.log(`演示部门已建立：${paths.dbPath}\n${created.summary}`);
  }
  core = new CoreWorkerClient(join(here, 'worker.js'), options);

  ipcMain.handle('credit-desk:invoke', (event, message: { method: string; input: unknown; callId?: string }) => {
    if (!isTrustedSender(event.senderFrame, rendererIndex, devServerUrl)) return FORBIDDEN_SENDER;
    return core!.invoke(message.method, message.input, message.callId);
  });
  ipcMain.handle('credit-desk:cancel', (event, callId: string) => {
    if (isTrustedSender(event.senderFrame, rendererIndex, devServerUrl)) core!.cancel(callId);
  });
  core.onEvent((coreEvent) => mainWindow?.webContents.send('credit-desk:event', coreEvent));

  // No permission (camera, notifications, …) is granted to the page, except
  // writing plain text to the clipboard (copying the recovery code).
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => callback(permission === 'clipboard-sanitized-write'));
  Menu.setApplicationMenu(null);
  mainWindow = createWindow();
}

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

void app.whenReady().then(start);
