/**
 * The window's security settings and the IPC sender check, kept apart from
 * main.ts so tests can hold them in place with a stand-in `electron` module.
 */
import type { BrowserWindowConstructorOptions, WebFrameMain } from 'electron';
import { pathToFileURL } from 'node:url';

export function secureWebPreferences(preloadPath: string, options: { devTools: boolean }): BrowserWindowConstructorOptions['webPreferences'] {
  return {
    preload: preloadPath,
    // Off in the packaged app: nobody opens a console into the page that holds the session.
    devTools: options.devTools,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  };
}

/**
 * Only the app's own page may call the core: the bundled renderer file, or the
 * electron-vite dev server in development — compared exactly (origin and path;
 * the route after `#` is the page's own), never by prefix:
 * `http://localhost:5173.attacker.example/` is not `http://localhost:5173/`.
 */
export function isTrustedSender(frame: Pick<WebFrameMain, 'url'> | null | undefined, rendererIndex: string, devServerUrl?: string): boolean {
  if (!frame?.url) return false;
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return false;
  }
  if (url.search !== '' || url.username !== '' || url.password !== '') return false;
  if (devServerUrl) {
    const dev = new URL(devServerUrl);
    const paths = dev.pathname === '/' ? ['/', '/index.html'] : [dev.pathname];
    if (url.protocol === dev.protocol && url.host === dev.host && paths.includes(url.pathname)) return true;
  }
  const own = new URL(pathToFileURL(rendererIndex).href);
  return url.protocol === 'file:' && url.host === own.host && url.pathname === own.pathname;
}

/** The one permission the page gets: writing plain text to the clipboard (copying the recovery code). */
export function mayUsePermission(permission: string): boolean {
  return permission === 'clipboard-sanitized-write';
}

export const FORBIDDEN_SENDER = {
  ok: false as const,
  error: { code: 'FORBIDDEN' as const, message: '拒绝来自非本程序页面的请求。' },
};
