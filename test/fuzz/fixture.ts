/**
 * The department every fuzz target starts from, built once per run: an
 * administrator, a clerk and an approver with a signing key, three penalties in
 * a signed and exported batch, and a backup. Each target works on its own copy
 * of the department's files (desk()), so one target's accepted file never
 * changes what another sees.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { BackupInfo, BatchView, FilePayload } from '../../electron/contract';
import type { Core } from '../../electron/core';
import { unlockHolder } from '../../electron/core/auth/keys';
import { unlockSigningKey } from '../../electron/core/batches/keys';
import type { Manifest } from '../../electron/core/batches/format';
import type { SigningKeyPair } from '../../electron/core/batches/sm2';
import { keyFilePath, readKeyFile } from '../../electron/core/store/keyfile';
import { tempRoot } from '../../electron/core/tempfiles';
import { as, clerkDesk, newCore, penaltyRow, rawOpen, tempFolder, value } from '../helpers';
import { readZip } from './mutate';

export const PASSWORDS = { admin: 'admin-pass-1', clerk1: 'clerk-pass-1', boss: 'boss-pass-1' } as const;
export type Login = keyof typeof PASSWORDS;

export interface Fixture {
  /** The department's files as built: department.db and department.db.keys. */
  folder: string;
  uscc: string;
  batchZip: Buffer;
  manifest: Manifest;
  /** The batch's operation ids as the platform names them (`<USCC>-<id>`). */
  opIds: string[];
  backup: Buffer;
  /** The approver's signing key (to sign damaged manifests again, so that checks beyond the signature run). */
  approverKey: SigningKeyPair;
}

export async function buildFixture(): Promise<Fixture> {
  const core = await clerkDesk();
  for (let i = 1; i <= 3; i++) {
    value(await core.invoke('records.create', { category: 'penalty', values: penaltyRow({ CF_WSH: `栾市监罚〔2026〕${i}号`, CF_XDR_MC: `栾城区第${i}商贸有限公司` }) }));
  }
  const batch = value<BatchView>(await core.invoke('batches.prepare', {}));
  await as(core, 'boss', PASSWORDS.boss);
  value(await core.invoke('keys.generate', { password: PASSWORDS.boss }));
  value(await core.invoke('batches.approve', { batchId: batch.batchId, password: PASSWORDS.boss }));
  const exported = value<FilePayload>(await core.invoke('batches.export', { batchId: batch.batchId }));
  const batchZip = Buffer.from(exported.content, 'base64');
  await as(core, 'admin', PASSWORDS.admin);
  const backups = tempFolder();
  const info = value<BackupInfo>(await core.invoke('backup.createFile', { folder: backups }));
  const backup = readFileSync(info.path);
  core.close();

  const db = rawOpen(core.dbPath);
  let opIds: number[];
  let approverKey: SigningKeyPair;
  let uscc: string;
  try {
    opIds = db.prepare('SELECT id FROM report_ops WHERE batch_id = ? ORDER BY id').pluck().all(batch.batchId) as number[];
    uscc = db.prepare('SELECT uscc FROM department').pluck().get() as string;
    const account = unlockHolder(readKeyFile(keyFilePath(core.dbPath)), 'boss', PASSWORDS.boss)!;
    approverKey = unlockSigningKey(db, 'boss', account).pair;
  } finally {
    db.close();
  }
  const manifestMember = (await readZip(batchZip)).find((m) => m.name === 'manifest.json')!;
  // Not a tempFolder(): those go after each test, and the fixture serves all of them.
  const folder = mkdtempSync(join(tmpdir(), 'credit-desk-fuzz-'));
  for (const f of ['department.db', 'department.db.keys']) copyFileSync(join(core.dbPath, '..', f), join(folder, f));
  expect(existsSync(`${core.dbPath}-wal`) && statSync(`${core.dbPath}-wal`).size > 0, 'the database was checkpointed when closed').toBe(false);
  return {
    folder,
    uscc,
    batchZip,
    manifest: JSON.parse(manifestMember.data.toString('utf8')) as Manifest,
    opIds: opIds.map((id) => `${uscc}-${id}`),
    backup,
    approverKey,
  };
}

/** A copy of the fixture's department, opened and logged in as `login`. */
export async function desk(fixture: Fixture, login: Login): Promise<Core & { dbPath: string }> {
  const folder = tempFolder();
  placeDepartment(fixture, folder);
  const core = newCore({ dbPath: join(folder, 'department.db') });
  value(await core.invoke('auth.login', { login, password: PASSWORDS[login] }));
  return core;
}

/** Copies the fixture's department files into `folder`. */
export function placeDepartment(fixture: Fixture, folder: string, keys?: Buffer): void {
  copyFileSync(join(fixture.folder, 'department.db'), join(folder, 'department.db'));
  if (keys) writeFileSync(join(folder, 'department.db.keys'), keys);
  else copyFileSync(join(fixture.folder, 'department.db.keys'), join(folder, 'department.db.keys'));
}

// --- what must not change ------------------------------------------------------------------

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** Every file in a folder with its SHA-256 (`skip`: names allowed to change, e.g. the attempts file). */
export function folderState(folder: string, skip: (name: string) => boolean = () => false): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(folder).sort()) {
    if (skip(name)) continue;
    const path = join(folder, name);
    out[name] = statSync(path).isFile() ? sha(readFileSync(path)) : 'folder';
  }
  return out;
}

export interface DbState {
  /** Per table (the audit trail aside): row count and a digest of all rows. */
  tables: Record<string, string>;
  auditSeq: number;
}

/** The database's content, read through a second connection (as the administrator). */
export function dbState(dbPath: string): DbState {
  const db = rawOpen(dbPath);
  try {
    const names = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'audit_log' ORDER BY name`).pluck().all() as string[];
    const tables: Record<string, string> = {};
    for (const name of names) {
      const rows = (db.prepare(`SELECT * FROM "${name}"`).raw().all() as unknown[][]).map((r) =>
        JSON.stringify(r, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : typeof v === 'bigint' ? String(v) : v)),
      );
      tables[name] = `${rows.length}:${sha(rows.sort().join('\n'))}`;
    }
    return { tables, auditSeq: db.prepare('SELECT coalesce(max(seq), 0) FROM audit_log').pluck().get() as number };
  } finally {
    db.close();
  }
}

/**
 * Nothing written: every table as before, and the audit trail at most gained
 * entries recording the refusal (outcome error or denied, never ok).
 */
export function expectDbUnchanged(dbPath: string, before: DbState): void {
  const after = dbState(dbPath);
  expect(after.tables, 'tables changed').toEqual(before.tables);
  if (after.auditSeq === before.auditSeq) return;
  const db = rawOpen(dbPath);
  try {
    const added = db.prepare('SELECT method, outcome FROM audit_log WHERE seq > ?').all(before.auditSeq) as { method: string; outcome: string }[];
    expect(added.filter((a) => a.outcome === 'ok'), 'audit entries of success after a refused file').toEqual([]);
  } finally {
    db.close();
  }
}

/** No temporary folder or partial file of this process left behind. */
export function expectNoTempLeft(): void {
  expect(readdirSync(tempRoot()).filter((n) => n.startsWith(`${process.pid}-`))).toEqual([]);
}

