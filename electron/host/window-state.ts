/**
 * The window's size, position and maximised state, kept between starts in a small
 * JSON file in userData (not in the department database: it must work before
 * anyone logs in). A position that is on no display any more (a second monitor
 * unplugged, a smaller screen) is dropped, so the window never opens out of sight.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const WINDOW_STATE_FILE = 'window-state.json';
export const DEFAULT_WINDOW: WindowState = { width: 1360, height: 860, maximized: false };
export const MIN_WINDOW = { width: 1024, height: 640 };

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 100_000;

/** At least this much of the window's title bar must lie on some display's work area. */
function visibleOn(state: Required<Pick<WindowState, 'x' | 'y' | 'width'>>, displays: Rect[]): boolean {
  return displays.some((d) => {
    const overlap = Math.min(state.x + state.width, d.x + d.width) - Math.max(state.x, d.x);
    return overlap >= 100 && state.y >= d.y && state.y <= d.y + d.height - 40;
  });
}

/** The saved state, checked and fitted to today's displays; the default when there is none or it is damaged. */
export function loadWindowState(file: string, displays: Rect[]): WindowState {
  let raw: unknown;
  try {
    raw = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
  } catch {
    raw = null;
  }
  const s = (raw ?? {}) as Record<string, unknown>;
  if (!isInt(s.width) || !isInt(s.height)) return { ...DEFAULT_WINDOW };
  const largest = displays.reduce((m, d) => ({ width: Math.max(m.width, d.width), height: Math.max(m.height, d.height) }), { width: 0, height: 0 });
  const width = Math.max(MIN_WINDOW.width, largest.width ? Math.min(s.width, largest.width) : s.width);
  const height = Math.max(MIN_WINDOW.height, largest.height ? Math.min(s.height, largest.height) : s.height);
  const state: WindowState = { width, height, maximized: s.maximized === true };
  if (isInt(s.x) && isInt(s.y) && visibleOn({ x: s.x, y: s.y, width }, displays)) {
    state.x = s.x;
    state.y = s.y;
  }
  return state;
}

/** Written whole to a temporary file and renamed, so a crash never leaves half a file. */
export function saveWindowState(file: string, state: WindowState): void {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(state)}\n`);
  renameSync(tmp, file);
}

/** What the host needs of a BrowserWindow to follow its state. */
export interface TrackedWindow {
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  isMinimized(): boolean;
  isFullScreen(): boolean;
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown;
}

/**
 * Saves the window's state when it closes, and shortly after it is moved or
 * resized (a crash or a power cut still keeps the last arrangement). The normal
 * bounds are kept while maximised, so un-maximising after a restart returns there.
 */
export function trackWindowState(win: TrackedWindow, file: string, delayMs = 1000): () => void {
  let timer: NodeJS.Timeout | null = null;
  const save = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (win.isMinimized() || win.isFullScreen()) return;
    try {
      saveWindowState(file, { ...win.getNormalBounds(), maximized: win.isMaximized() });
    } catch {
      // A read-only profile only costs the window's position next time.
    }
  };
  const later = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, delayMs);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) win.on(event, later);
  win.on('close', save);
  return save;
}
