/** Crash-safe file writes: write aside, fsync, rename (or link), fsync the folder. */
import { closeSync, fsyncSync, linkSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

function writeAside(path: string, data: string | Uint8Array, sync = true): string {
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    if (sync) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return tmp;
}

/**
 * Replaces a file atomically (a reader sees the old or the new content, never a
 * mix) without waiting for the disk: for what a power cut may lose (the attempts file).
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  renameSync(writeAside(path, data, false), path);
}

export function writeFileDurably(path: string, data: string | Uint8Array): void {
  renameSync(writeAside(path, data), path);
  syncFolder(dirname(path));
}

/**
 * Like writeFileDurably, but never replaces an existing file: the new file is
 * hard-linked into place, which fails with EEXIST when `path` exists (a rename
 * would silently replace it).
 */
export function writeFileExclusive(path: string, data: string | Uint8Array): void {
  const tmp = writeAside(path, data);
  try {
    linkDurably(tmp, path);
  } finally {
    unlinkSync(tmp);
  }
}

/** Puts `from` at `to` as well, failing with EEXIST when `to` exists; the caller removes `from`. */
export function linkDurably(from: string, to: string): void {
  linkSync(from, to);
  syncFolder(dirname(to));
}

export function renameDurably(from: string, to: string): void {
  renameSync(from, to);
  syncFolder(dirname(to));
}

export function syncFolder(folder: string): void {
  // Windows cannot open a folder for fsync; NTFS renames are journaled there.
  if (process.platform === 'win32') return;
  const fd = openSync(folder, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
