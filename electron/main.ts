/**
 * The Electron host: windows, IPC and what only Electron can supply. Every rule
 * and every byte of data lives in the core, which runs in a worker thread.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, screen, session, shell } from 'electron';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CoreEvent, MenuCommand } from './contract/types';
import { CoreWorkerClient } from './host/worker-client';
import { checkDataFolder, KNOWN_DEPARTMENTS_FILE, rememberDepartment, watchDataFolder } from './host/data-folder';
import { menuTemplate } from './host/menu';
import { resolveHostPaths } from './host/paths';
import { FORBIDDEN_SENDER, isTrustedSender, mayUsePermission, secureWebPreferences } from './host/security';
import { loadWindowState, MIN_WINDOW, trackWindowState, WINDOW_STATE_FILE } from './host/window-state';
import { createDemoDepartment } from './core/demo/department';

// The data folder is <appData>/credit-desk (README): Electron would name it after productName
// (信用工作台), a path that scripts, backup tools and the command line of a Chinese Windows handle
// worse than ASCII. Set before anything asks for userData (the single-instance lock does too).
app.setPath('userData', join(app.getPath('appData'), 'credit-desk'));

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
const userData = app.getPath('userData');
const windowStateFile = join(userData, WINDOW_STATE_FILE);
const knownDepartmentsFile = join(userData, KNOWN_DEPARTMENTS_FILE);

let mainWindow: BrowserWindow | null = null;
let core: CoreWorkerClient | null = null;

/** Sends an event to the page: the core's, or the host's own (menu commands, the data folder). */
function toPage(event: CoreEvent): void {
  mainWindow?.webContents.send('credit-desk:event', event);
}

function createWindow(): BrowserWindow {
  const state = loadWindowState(windowStateFile, screen.getAllDisplays().map((d) => d.workArea));
  const win = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: MIN_WINDOW.width,
    minHeight: MIN_WINDOW.height,
    title: '信用工作台',
    // Windows and macOS take the icon from the program; Linux desktops from the window.
    ...(process.platform === 'linux' ? { icon: join(paths.iconsFolder, '256x256.png') } : {}),
    show: false,
    webPreferences: secureWebPreferences(join(here, '../preload/preload.cjs'), { devTools: !app.isPackaged }),
  });
  trackWindowState(win, windowStateFile);
  win.once('ready-to-show', () => {
    if (state.maximized) win.maximize();
    win.show();
  });
  if (devServerUrl) void win.loadURL(devServerUrl);
  else void win.loadFile(rendererIndex);
  return win;
}

/**
 * Waits until the data folder can be used: a drive that went away gets a clear
 * message with 重试 and 退出, never the setup of a new department in its place.
 */
function dataFolderReady(): boolean {
  for (;;) {
    const problem = checkDataFolder(paths.dbPath, knownDepartmentsFile);
    if (!problem) return true;
    const choice = dialog.showMessageBoxSync({
      type: 'warning',
      title: '信用工作台',
      message: problem.title,
      detail: problem.message,
      buttons: ['重试', '退出'],
      defaultId: 0,
      cancelId: 1,
      noLink: true,
    });
    if (choice !== 0) return false;
  }
}

async function start(): Promise<void> {
  if (!dataFolderReady()) {
    app.quit();
    return;
  }
  mkdirSync(dirname(paths.dbPath), { recursive: true });
  const options = {
    dbPath: paths.dbPath,
    migrationsFolder: paths.migrationsFolder,
    nativeBinding: paths.nativeBinding,
    fontsFolder: paths.fontsFolder,
    manualFolder: paths.manualFolder,
    licensesFolder: paths.licensesFolder,
  };
  if (demo) {
    try {
      const created = await createDemoDepartment(options, undefined, { records: 2000 });
      if (created) console.log(`演示部门已建立：${paths.dbPath}\n${created.summary}`);
    } catch (err) {
      // e.g. a database without its key file: the window says so (app.status), nothing is built over it.
      console.error(`未能建立演示部门：${err instanceof Error ? err.message : String(err)}`);
    }
  }
  rememberDepartment(paths.dbPath, knownDepartmentsFile);
  core = new CoreWorkerClient(join(here, 'worker.js'), { ...options, scheduleBackups: true });

  ipcMain.handle('credit-desk:invoke', async (event, message: { method: string; input: unknown; callId?: string }) => {
    if (!isTrustedSender(event.senderFrame, rendererIndex, devServerUrl)) return FORBIDDEN_SENDER;
    // 关于 → 打开文件夹: only the host can open a folder in the system's file manager.
    if (message.method === 'app.openDataFolder') {
      const error = await shell.openPath(dirname(paths.dbPath));
      return error ? { ok: false, error: { code: 'INTERNAL', message: `无法打开数据文件夹：${error}` } } : { ok: true, value: { opened: true, folder: dirname(paths.dbPath) } };
    }
    return core!.invoke(message.method, message.input, message.callId);
  });
  ipcMain.handle('credit-desk:cancel', (event, callId: string) => {
    if (isTrustedSender(event.senderFrame, rendererIndex, devServerUrl)) core!.cancel(callId);
  });
  core.onEvent(toPage);

  // No permission (camera, notifications, …) is granted to the page, except writing
  // plain text to the clipboard (copying the recovery code): asked for or checked.
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => callback(mayUsePermission(permission)));
  session.defaultSession.setPermissionCheckHandler((_wc, permission) => mayUsePermission(permission));
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({ devTools: !app.isPackaged, send: (command: MenuCommand) => toPage({ type: 'menu', command }) })));
  mainWindow = createWindow();
  watchDataFolder(paths.dbPath, knownDepartmentsFile, (problem) => {
    toPage({ type: 'data-folder', title: problem.title, message: problem.message });
    if (mainWindow) void dialog.showMessageBox(mainWindow, { type: 'warning', title: '信用工作台', message: problem.title, detail: problem.message, buttons: ['知道了'], noLink: true });
  });
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

  // A second start brings this window to the front (restored if minimised).
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.show();
      mainWindow.focus();
    }
  });

  app.on('window-all-closed', () => {
    rememberDepartment(paths.dbPath, knownDepartmentsFile);
    void (core ? core.close() : Promise.resolve()).finally(() => app.quit());
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
