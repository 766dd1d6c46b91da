/**
 * The window's security settings and the IPC sender check, kept apart from
 * main.ts so tests can hold them in place with a stand-in `electron` module.
 */
import type { BrowserWindowConstructorOptions, WebFrameMain } from 'electron';
import { pathToFileURL } from 'node:url';

export function secureWebPreferences(preloadPath: string): BrowserWindowConstructorOptions['webPreferences'] {
  return {
    preload: preloadPath,
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
 * electron-vite dev server in development.
 */
export function isTrustedSender(frame: Pick<WebFrameMain, 'url'> | null | undefined, rendererIndex: string, devServerUrl?: string): boolean {
  if (!frame?.url) return false;
  const url = frame.url.split('#')[0];
  if (devServerUrl && url.startsWith(devServerUrl)) return true;
  return url === pathToFileURL(rendererIndex).href;
}

export const FORBIDDEN_SENDER = {
  ok: false as const,
  error: { code: 'FORBIDDEN' as const, message: '拒绝来自非本程序页面的请求。' },
};
