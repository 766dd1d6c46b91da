/**
 * A re-key killed midway can leave a database that opens with neither key
 * (SQLite3MC does not always play its hot journal back: store/rekey-copy.ts).
 * The re-key keeps a copy under the old key; a login that finds no key opening
 * the file puts the copy back. The crash injection kills real re-keys at random
 * moments (test/crash); here the state such a kill leaves is made on purpose.
 */
import { copyFileSync, existsSync, openSync, closeSync, writeSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SearchResult } from '../../electron/contract';
import { keyFilePath, nextKeyFilePath } from '../../electron/core/store/keyfile';
import { preRekeyPath } from '../../electron/core/store/rekey-copy';
import { clerkDesk, errorOf, penaltyRow, value } from '../helpers';

/** Overwrites the first page's content: no key opens the file any more (its pages fail their HMAC). */
function damageFirstPage(dbPath: string): void {
  const fd = openSync(dbPath, 'r+');
  try {
    writeSync(fd, randomBytes(4000), 0, 4000, 64);
  } finally {
    closeSync(fd);
  }
}

async function deskWithRecord() {
  const core = await clerkDesk();
  value(await core.invoke('records.create', { category: 'penalty', values: penaltyRow() }));
  value(await core.invoke('auth.logout', {}));
  return core;
}

describe('a re-key killed midway', () => {
  it('leaves the copy under the old key, which the next login puts back: the data is all there, the re-key did not happen', async () => {
    const core = await deskWithRecord();
    // What a kill inside PRAGMA rekey leaves: the copy, the new key file, a hot journal, a file no key opens.
    copyFileSync(core.dbPath, preRekeyPath(core.dbPath));
    copyFileSync(keyFilePath(core.dbPath), nextKeyFilePath(core.dbPath));
    writeFileSync(`${core.dbPath}-journal`, randomBytes(16384));
    damageFirstPage(core.dbPath);

    value(await core.invoke('auth.login', { login: 'clerk1', password: 'clerk-pass-1' }));
    expect(value<SearchResult>(await core.invoke('records.search', { category: 'penalty' })).total).toBe(1);
    for (const left of [preRekeyPath(core.dbPath), nextKeyFilePath(core.dbPath), `${core.dbPath}-journal`]) expect(existsSync(left), left).toBe(false);
  });

  it('without the copy, the same file is refused as damaged (what happened before the copy existed)', async () => {
    const core = await deskWithRecord();
    copyFileSync(keyFilePath(core.dbPath), nextKeyFilePath(core.dbPath));
    damageFirstPage(core.dbPath);
    expect(errorOf(await core.invoke('auth.login', { login: 'clerk1', password: 'clerk-pass-1' })).code).toBe('DB_CORRUPT');
  });

  it('a re-key that went through leaves no copy behind; a copy a crash left after it is removed at the next login', async () => {
    const core = await deskWithRecord();
    value(await core.invoke('auth.login', { login: 'admin', password: 'admin-pass-1' }));
    value(await core.invoke('users.disable', { login: 'boss', reason: '调离', password: 'admin-pass-1' }));
    expect(existsSync(preRekeyPath(core.dbPath))).toBe(false);
    value(await core.invoke('auth.logout', {}));
    writeFileSync(preRekeyPath(core.dbPath), randomBytes(1024));
    value(await core.invoke('auth.login', { login: 'clerk1', password: 'clerk-pass-1' }));
    expect(existsSync(preRekeyPath(core.dbPath))).toBe(false);
  });
});
