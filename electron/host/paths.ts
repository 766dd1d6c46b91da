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
  /** The user manual's Markdown and pictures (docs/manual; manual/ beside the packaged app). */
  manualFolder: string;
  /** The licences file made by `npm run build` (out/licenses; licenses/ beside the packaged app). */
  licensesFolder: string;
  /** The application icon set (resources/icons; icons/ beside the packaged app). */
  iconsFolder: string;
  /** The Electron-ABI binding's expected place, whether or not it is there. */
  nativeBindingPath: string;
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
  const manualFolder = opts.isPackaged ? join(opts.resourcesPath, 'manual') : join(opts.appPath, 'docs', 'manual');
  const licensesFolder = opts.isPackaged ? join(opts.resourcesPath, 'licenses') : join(opts.appPath, 'out', 'licenses');
  const iconsFolder = opts.isPackaged ? join(opts.resourcesPath, 'icons') : join(opts.appPath, 'resources', 'icons');
  return {
    dbPath,
    devServerUrl,
    migrationsFolder,
    nativeBinding: existsSync(nativeBinding) ? nativeBinding : undefined,
    nativeBindingPath: nativeBinding,
    fontsFolder,
    manualFolder,
    licensesFolder,
    iconsFolder,
  };
}
