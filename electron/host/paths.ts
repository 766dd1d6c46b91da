/** Where the host finds the database, the migrations and the Electron-ABI SQLite binding. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface HostPaths {
  dbPath: string;
  /** The electron-vite dev server's page (development only; never in a packaged app). */
  devServerUrl: string | undefined;
  migrationsFolder: string;
  nativeBinding: string | undefined;
  /** The bundled print fonts (resources/fonts in the source tree, fonts/ beside the packaged app). */
  fontsFolder: string;
}

export function resolveHostPaths(opts: {
  isPackaged: boolean;
  appPath: string;
  resourcesPath: string;
  userData: string;
  demo: boolean;
  env: NodeJS.ProcessEnv;
  platform: string;
  arch: string;
  electronVersion: string;
}): HostPaths {
  // A packaged app honours no environment variable here: whoever can set one (a shortcut,
  // a login script) must not point the app at another database or another page.
  const dev = !opts.isPackaged;
  const dbPath = (dev && opts.env.CREDIT_DESK_DB) || join(opts.userData, opts.demo ? 'demo' : 'data', 'department.db');
  const devServerUrl = (dev && opts.env.ELECTRON_RENDERER_URL) || undefined;
  const migrationsFolder = opts.isPackaged
    ? join(opts.resourcesPath, 'drizzle', 'migrations')
    : join(opts.appPath, 'drizzle', 'migrations');
  // The SQLite binding in node_modules is built for Node (tests, CLI); the app
  // loads a second build made for Electron's ABI by scripts/electron-native.mjs.
  const nativeBinding = opts.isPackaged
    ? join(opts.resourcesPath, 'native', 'better_sqlite3.node')
    : join(opts.appPath, '.electron-native', `${opts.electronVersion}-${opts.platform}-${opts.arch}`, 'better_sqlite3.node');
  const fontsFolder = opts.isPackaged ? join(opts.resourcesPath, 'fonts') : join(opts.appPath, 'resources', 'fonts');
  return { dbPath, devServerUrl, migrationsFolder, nativeBinding: existsSync(nativeBinding) ? nativeBinding : undefined, fontsFolder };
}
