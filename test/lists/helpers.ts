/**
 * Shared pieces of the shared-list and credit-check tests: platform keys made by the
 * real OpenSSL, lists packed by `packList`, hand-made (mis)signed archives, desks
 * with an administrator, a clerk and an approver.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yazl from 'yazl';
import type { Core } from '../../electron/core/index';
import { MemberDigest } from '../../electron/core/batches/package';
import { parsePrivateKeyPem, publicKeyPem, signSm2 } from '../../electron/core/batches/sm2';
import { packList } from '../../electron/core/lists/pack';
import { newCore, setUp, tempFolder, value } from '../helpers';

export { unzip } from '../zip';

export interface PlatformKey {
  /** The private key file as OpenSSL wrote it. */
  keyFile: string;
  privatePem: string;
  publicPem: string;
}

/** An SM2 key pair made by `openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:SM2`. */
export function opensslKey(folder = tempFolder(), name = 'platform'): PlatformKey {
  const keyFile = join(folder, `${name}.key.pem`);
  execFileSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:SM2', '-out', keyFile]);
  const publicPem = execFileSync('openssl', ['pkey', '-in', keyFile, '-pubout']).toString();
  return { keyFile, privatePem: readFileSync(keyFile, 'utf8'), publicPem };
}

export interface Entry {
  name: string;
  code: string | null;
  listType: string;
  basis: string;
  listedOn: string;
  expires: string | null;
  measures: unknown[];
}

export function entry(overrides: Partial<Entry> = {}): Entry {
  return {
    name: '石家庄市栾城区失信商贸有限公司',
    code: '91130111MA0A1B2C2U',
    listType: '严重失信主体名单',
    basis: '冀发改财金〔2026〕12号：拒不履行法定义务',
    listedOn: '2026-01-15',
    expires: null,
    measures: ['从严审核', '限制参与政府采购', { measure: '限制申请财政补贴', matters: ['财政资金'] }],
    ...overrides,
  };
}

export function jsonlFile(entries: unknown[], folder = tempFolder(), name = 'entries.jsonl'): string {
  const path = join(folder, name);
  writeFileSync(path, entries.map((e) => JSON.stringify(e)).join('\n') + (entries.length ? '\n' : ''));
  return path;
}

export interface ListSpec {
  key: PlatformKey;
  entries: unknown[];
  version?: number;
  name?: string;
  listType?: string;
  issuer?: string;
  listId?: string;
  date?: string;
}

/** A list file made by `packList` (as `list pack` makes it). */
export async function packed(spec: ListSpec, folder = tempFolder()): Promise<string> {
  const out = join(folder, `list-v${spec.version ?? 1}-${Math.random().toString(36).slice(2, 8)}.zip`);
  await packList({
    jsonl: jsonlFile(spec.entries, folder, `entries-${Math.random().toString(36).slice(2, 8)}.jsonl`),
    keyPem: spec.key.privatePem,
    name: spec.name ?? '严重失信主体名单（栾城区）',
    listType: spec.listType ?? '严重失信主体名单',
    issuer: spec.issuer ?? '石家庄市栾城区信用信息共享平台',
    version: spec.version ?? 1,
    out,
    listId: spec.listId ?? 'LC-SXZT',
    date: spec.date ?? '2026-11-20',
  });
  return out;
}

/** Every member of a zip, in order. */

/** Writes members (in this order) into a zip. */
export async function rezip(path: string, members: Map<string, Buffer>): Promise<string> {
  const zip = new yazl.ZipFile();
  for (const [name, bytes] of members) zip.addBuffer(bytes, name, { mtime: new Date('2026-11-20T00:00:00Z') });
  zip.end();
  await new Promise<void>((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => {
      writeFileSync(path, Buffer.concat(chunks));
      resolve();
    });
    zip.outputStream.on('error', reject);
  });
  return path;
}

/**
 * A list archive signed properly over whatever manifest and entries it is given:
 * how a broken producer (a wrong count, a bad entry) looks to the importer.
 */
export async function signedByHand(path: string, key: PlatformKey, manifest: Record<string, unknown>, entries: string | Buffer): Promise<string> {
  const bytes = typeof entries === 'string' ? Buffer.from(entries, 'utf8') : entries;
  const digest = new MemberDigest();
  digest.update(bytes);
  const full = { ...manifest, members: [{ path: 'data/entries.jsonl', ...digest.result() }] };
  const manifestBytes = Buffer.from(`${JSON.stringify(full, null, 2)}\n`, 'utf8');
  const pair = parsePrivateKeyPem(key.privatePem);
  const members = new Map<string, Buffer>([
    ['manifest.json', manifestBytes],
    ['manifest.sig', signSm2(manifestBytes, pair)],
    ['signer.pem', Buffer.from(publicKeyPem(pair.publicKey))],
    ['data/entries.jsonl', bytes],
  ]);
  return rezip(path, members);
}

export const PASSWORDS = { admin: 'admin-pass-1', clerk1: 'clerk-pass-1', clerk2: 'clerk-pass-2', boss: 'boss-pass-1', auditor: 'auditor-pass-1' } as const;
export type Who = keyof typeof PASSWORDS;

/** A fixed clock for checks (which compare dates with today): 2026-11-26, 10:00 in Beijing. */
export const NOW = new Date('2026-11-26T02:00:00Z');

/** A desk with admin, two clerks, an approver and an auditor; logged in as admin. */
export async function listDesk(options: { now?: () => Date } = {}): Promise<Core & { dbPath: string }> {
  const core = newCore(options);
  await setUp(core);
  value(await core.invoke('users.add', { login: 'clerk1', name: '录入员甲', roles: ['clerk'], password: PASSWORDS.clerk1 }));
  value(await core.invoke('users.add', { login: 'clerk2', name: '录入员乙', roles: ['clerk'], password: PASSWORDS.clerk2 }));
  value(await core.invoke('users.add', { login: 'boss', name: '部门负责人', roles: ['approver'], password: PASSWORDS.boss }));
  value(await core.invoke('users.add', { login: 'auditor', name: '审计员', roles: ['auditor'], password: PASSWORDS.auditor }));
  return core;
}

export async function as(core: Core, who: Who): Promise<void> {
  await core.invoke('auth.logout', {});
  value(await core.invoke('auth.login', { login: who, password: PASSWORDS[who] }));
}

export function base64(path: string): string {
  return readFileSync(path).toString('base64');
}

/** Imports a list file as the logged-in person (the admin). */
export async function importList(core: Core, path: string) {
  return core.invoke('lists.import', { fileName: path.split('/').pop(), content: base64(path) });
}
