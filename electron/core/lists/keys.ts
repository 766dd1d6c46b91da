/**
 * The platform's public keys an administrator pins: only a list signed by one of
 * them is imported. Pinning is by the key itself (PEM), shown with its SM3
 * fingerprint to compare against what the platform publishes; unpinning is a state
 * with a reason, so the versions it signed keep naming their signer.
 */
import type { PinnedKeyView } from '../../contract/checks';
import { fingerprint, parsePublicKeyPem, publicKeyPem } from '../batches/sm2';
import { CoreError } from '../errors';
import type { SqliteDatabase } from '../store/database';

interface KeyRow {
  id: number;
  publicKey: string;
  fingerprint: string;
  label: string;
  pinnedAt: string;
  pinnedBy: string;
  unpinnedAt: string | null;
  unpinnedBy: string | null;
  unpinReason: string | null;
}

const SELECT = `SELECT id, public_key AS publicKey, fingerprint, label, pinned_at AS pinnedAt, pinned_by AS pinnedBy,
  unpinned_at AS unpinnedAt, unpinned_by AS unpinnedBy, unpin_reason AS unpinReason FROM list_keys`;

function view(r: KeyRow): PinnedKeyView {
  return { keyId: r.id, fingerprint: r.fingerprint, label: r.label, pem: publicKeyPem(r.publicKey), pinnedAt: r.pinnedAt, pinnedBy: r.pinnedBy, unpinnedAt: r.unpinnedAt, unpinnedBy: r.unpinnedBy, unpinReason: r.unpinReason, active: r.unpinnedAt === null };
}

export function listPinnedKeys(db: SqliteDatabase): PinnedKeyView[] {
  return (db.prepare(`${SELECT} ORDER BY id DESC`).all() as KeyRow[]).map(view);
}

/** The pinned (not unpinned) key with this public key, if any. */
export function activeKeyFor(db: SqliteDatabase, publicKeyHex: string): { id: number; fingerprint: string } | undefined {
  return db.prepare('SELECT id, fingerprint FROM list_keys WHERE public_key = ? AND unpinned_at IS NULL').get(publicKeyHex) as
    | { id: number; fingerprint: string }
    | undefined;
}

export function activeKeyCount(db: SqliteDatabase): number {
  return (db.prepare('SELECT count(*) AS n FROM list_keys WHERE unpinned_at IS NULL').get() as { n: number }).n;
}

export function keyFingerprintOf(db: SqliteDatabase, keyId: number): string {
  return (db.prepare('SELECT fingerprint FROM list_keys WHERE id = ?').get(keyId) as { fingerprint: string } | undefined)?.fingerprint ?? '';
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
  const existing = db.prepare(`${SELECT} WHERE public_key = ?`).get(key) as KeyRow | undefined;
  if (existing && existing.unpinnedAt === null) throw new CoreError('BAD_INPUT', `该公钥已固定（指纹 ${existing.fingerprint}）。`);
  if (existing) throw new CoreError('BAD_INPUT', `该公钥曾于 ${existing.unpinnedAt!.slice(0, 10)} 被停用（${existing.unpinReason ?? ''}），不能再次固定。`);
  const id = Number(
    db.prepare('INSERT INTO list_keys (public_key, fingerprint, label, pinned_at, pinned_by) VALUES (?, ?, ?, ?, ?)').run(key, fingerprint(key), label, at, by).lastInsertRowid,
  );
  return view(db.prepare(`${SELECT} WHERE id = ?`).get(id) as KeyRow);
}

export function unpinKey(db: SqliteDatabase, keyId: number, reason: string, by: string, at: string): PinnedKeyView {
  const row = db.prepare(`${SELECT} WHERE id = ?`).get(keyId) as KeyRow | undefined;
  if (!row) throw new CoreError('NOT_FOUND', `找不到编号为 ${keyId} 的平台公钥。`);
  if (row.unpinnedAt) throw new CoreError('BAD_INPUT', `该公钥已于 ${row.unpinnedAt.slice(0, 10)} 停用。`);
  db.prepare('UPDATE list_keys SET unpinned_at = ?, unpinned_by = ?, unpin_reason = ? WHERE id = ?').run(at, by, reason, keyId);
  return view(db.prepare(`${SELECT} WHERE id = ?`).get(keyId) as KeyRow);
}
