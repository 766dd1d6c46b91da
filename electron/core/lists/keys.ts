/**
 * The platform's public keys an administrator pins: only a list signed by one of
 * them is imported. Pinning is by the key itself (PEM), shown with its SM3
 * fingerprint to compare against what the platform publishes; unpinning is a state
 * with a reason, so the versions it signed keep naming their signer.
 */
import { and, count, desc, eq, isNull } from 'drizzle-orm';
import { listKeys } from '../../../drizzle/schema';
import type { PinnedKeyView } from '../../contract/checks';
import { fingerprint, parsePublicKeyPem, publicKeyPem } from '../batches/sm2';
import { CoreError } from '../errors';
import type { SqliteDatabase } from '../store/database';
import { orm } from '../store/orm';

function view(r: typeof listKeys.$inferSelect): PinnedKeyView {
  return { keyId: r.id, fingerprint: r.fingerprint, label: r.label, pem: publicKeyPem(r.publicKey), pinnedAt: r.pinnedAt, pinnedBy: r.pinnedBy, unpinnedAt: r.unpinnedAt, unpinnedBy: r.unpinnedBy, unpinReason: r.unpinReason, active: r.unpinnedAt === null };
}

const keyById = (db: SqliteDatabase, id: number) => orm(db).select().from(listKeys).where(eq(listKeys.id, id)).get();

export function listPinnedKeys(db: SqliteDatabase): PinnedKeyView[] {
  return orm(db).select().from(listKeys).orderBy(desc(listKeys.id)).all().map(view);
}

/** The pinned (not unpinned) key with this public key, if any. */
export function activeKeyFor(db: SqliteDatabase, publicKeyHex: string): { id: number; fingerprint: string } | undefined {
  return orm(db)
    .select({ id: listKeys.id, fingerprint: listKeys.fingerprint })
    .from(listKeys)
    .where(and(eq(listKeys.publicKey, publicKeyHex), isNull(listKeys.unpinnedAt)))
    .get();
}

export function activeKeyCount(db: SqliteDatabase): number {
  return orm(db).select({ n: count() }).from(listKeys).where(isNull(listKeys.unpinnedAt)).get()!.n;
}

export function keyFingerprintOf(db: SqliteDatabase, keyId: number): string {
  return orm(db).select({ fingerprint: listKeys.fingerprint }).from(listKeys).where(eq(listKeys.id, keyId)).get()?.fingerprint ?? '';
}

/** Every SM2 public key in a text holding one or more PEM blocks. */
export function publicKeysInPem(text: string): string[] {
  const blocks = text.match(/-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g) ?? [];
  return blocks.map((b) => parsePublicKeyPem(b)).filter((k): k is string => k !== null);
}

export function pinKey(db: SqliteDatabase, pem: string, label: string, by: string, at: string): PinnedKeyView {
  const keys = publicKeysInPem(pem);
  if (keys.length === 0) throw new CoreError('BAD_INPUT', '不是 SM2 公钥：应为 PEM 格式的 SubjectPublicKeyInfo（-----BEGIN PUBLIC KEY-----），曲线为 SM2。');
  if (keys.length > 1) throw new CoreError('BAD_INPUT', `文件中有 ${keys.length} 个公钥：请一次固定一个。`);
  const key = keys[0];
  const existing = orm(db).select().from(listKeys).where(eq(listKeys.publicKey, key)).get();
  if (existing && existing.unpinnedAt === null) throw new CoreError('BAD_INPUT', `该公钥已固定（指纹 ${existing.fingerprint}）。`);
  if (existing) throw new CoreError('BAD_INPUT', `该公钥曾于 ${existing.unpinnedAt!.slice(0, 10)} 被停用（${existing.unpinReason ?? ''}），不能再次固定。`);
  const id = Number(orm(db).insert(listKeys).values({ publicKey: key, fingerprint: fingerprint(key), label, pinnedAt: at, pinnedBy: by }).run().lastInsertRowid);
  return view(keyById(db, id)!);
}

export function unpinKey(db: SqliteDatabase, keyId: number, reason: string, by: string, at: string): PinnedKeyView {
  const row = keyById(db, keyId);
  if (!row) throw new CoreError('NOT_FOUND', `找不到编号为 ${keyId} 的平台公钥。`);
  if (row.unpinnedAt) throw new CoreError('BAD_INPUT', `该公钥已于 ${row.unpinnedAt.slice(0, 10)} 停用。`);
  orm(db).update(listKeys).set({ unpinnedAt: at, unpinnedBy: by, unpinReason: reason }).where(eq(listKeys.id, keyId)).run();
  return view(keyById(db, keyId)!);
}
