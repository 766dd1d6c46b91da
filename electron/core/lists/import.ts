/**
 * Importing a shared list (`credit-desk-list/1`). The archive is verified by the
 * batch verifier's walk (verifySignedArchive): safe entries, the SM2 signature over
 * manifest.json, the signer among the pinned platform keys, every member's size and
 * digests. The entries are parsed, checked and inserted while they are read and
 * digested, inside one transaction that commits only when the digests, the count
 * and every entry hold: a refused list changes nothing. A newer version replaces
 * the list's current one; older versions stay, so past checks show as they were.
 */
import { eq, max } from 'drizzle-orm';
import { sharedListEntries, sharedLists, sharedListVersions } from '../../../drizzle/schema';
import type { ListImportResult } from '../../contract/checks';
import { fingerprint } from '../batches/sm2';
import { ArchiveFailure, verifySignedArchive } from '../batches/verify';
import type { Desk } from '../desk';
import { CoreError } from '../errors';
import { orm } from '../store/orm';
import { statement, type Row } from '../store/sql';
import { ENTRIES, entryKeys, EntryProblem, listManifestProblem, parseEntry, type ListManifest } from './format';
import { activeKeyCount, activeKeyFor } from './keys';
import { LineSplitter } from './lines';

/** Why an import was refused (besides the verifier's own codes, VerifyCode). */
export type ListRefusal = 'NO_PINNED_KEY' | 'ENTRY_INVALID' | 'COUNT_MISMATCH' | 'OLDER_VERSION' | 'SAME_VERSION' | 'CANCELLED';

export interface ListImportOptions {
  path: string;
  fileName: string;
  signal?: AbortSignal;
  progress?: (done: number, total: number | null) => void;
}

function heldVersion(desk: Desk, listId: string) {
  return orm(desk.db)
    .select({ ref: sharedLists.id, version: sharedListVersions.version, versionId: sharedListVersions.id, manifestSm3: sharedListVersions.manifestSm3 })
    .from(sharedLists)
    .innerJoin(sharedListVersions, eq(sharedListVersions.id, sharedLists.currentVersionId))
    .where(eq(sharedLists.listId, listId))
    .get();
}

type Held = NonNullable<ReturnType<typeof heldVersion>>;

type E = Row<typeof sharedListEntries>;

/**
 * One row per entry of the list (a million in bench section E's import): a prepared
 * statement, run for each line as it is read, inside the import's transaction.
 */
const insertEntry = statement<never, [E['version_id'], E['line'], E['code'], E['name_key'], E['entry']]>(
  'lists.insertEntry',
  'INSERT INTO shared_list_entries (version_id, line, code, name_key, entry) VALUES (?, ?, ?, ?, ?)',
);

/** Runs `fn`, turning the line decoder's complaint about invalid UTF-8 into a refusal. */
function utf8(fn: () => void): void {
  try {
    fn();
  } catch (err) {
    if (err instanceof TypeError && (err as { code?: string }).code === 'ERR_ENCODING_INVALID_ENCODED_DATA') {
      throw new ArchiveFailure('MALFORMED', `${ENTRIES} 不是有效的 UTF-8 文本`);
    }
    throw err;
  }
}

function parseManifest(bytes: Buffer): ListManifest {
  const text = bytes.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(bytes)) throw new ArchiveFailure('MALFORMED', 'manifest.json 不是有效的 UTF-8 文本');
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch {
    throw new ArchiveFailure('MALFORMED', 'manifest.json 不是有效的 JSON');
  }
  const problem = listManifestProblem(m);
  if (problem) throw new ArchiveFailure('MALFORMED', problem);
  return m as ListManifest;
}

export async function importListFile(desk: Desk, opts: ListImportOptions): Promise<ListImportResult> {
  const started = performance.now();
  const db = desk.db;
  const at = desk.now().toISOString();
  if (activeKeyCount(db) === 0) {
    throw new CoreError('BAD_FILE', '名单未导入：尚未固定任何平台公钥。请系统管理员先固定平台的公钥（共享名单 → 平台公钥），再导入名单。', { refusal: 'NO_PINNED_KEY' });
  }
  let keyId = 0;
  let held: Held | undefined;
  let versionId = 0;
  let total: number | null = null;
  let entries = 0;
  let codeless = 0;
  let manifestText = '';
  let manifestSm3 = '';
  let signature = '';
  const lines = new LineSplitter((line, lineNo) => {
    let keys;
    try {
      keys = entryKeys(parseEntry(line));
    } catch (err) {
      if (err instanceof EntryProblem) throw new ArchiveFailure('ENTRY_INVALID', `${ENTRIES} 第 ${lineNo} 行：${err.message}`);
      throw err;
    }
    insertEntry.run(db, versionId, lineNo, keys.code, keys.nameKey, line);
    entries++;
    if (keys.code === '') codeless++;
    if (entries % 10_000 === 0) {
      if (opts.signal?.aborted) throw new ArchiveFailure('CANCELLED', '导入已取消，名单未导入。');
      opts.progress?.(entries, total);
    }
  });

  db.exec('BEGIN IMMEDIATE');
  try {
    const archive = await verifySignedArchive<ListManifest>(opts.path, {
      parseManifest,
      checkSigner: (signerKey) => {
        const key = activeKeyFor(db, signerKey);
        if (!key) {
          throw new ArchiveFailure('UNKNOWN_SIGNER', `签名人公钥（指纹 ${fingerprint(signerKey)}）不是已固定的平台公钥：请核对来源；确属平台的新公钥时，由系统管理员先固定该公钥。`);
        }
        keyId = key.id;
      },
      beforeMembers: (a) => {
        const m = a.manifest;
        held = heldVersion(desk, m.listId);
        if (held && m.version < held.version) {
          throw new ArchiveFailure('OLDER_VERSION', `“${m.name}”第 ${m.version} 版比已导入的第 ${held.version} 版旧，未导入。`);
        }
        if (held && m.version === held.version) {
          throw new ArchiveFailure(
            'SAME_VERSION',
            held.manifestSm3 === a.manifestSm3
              ? `“${m.name}”第 ${m.version} 版已经导入过。`
              : `“${m.name}”第 ${m.version} 版已导入过，而此文件的同一版本内容不同：请向平台核实，未导入。`,
          );
        }
        total = m.count;
        const ref =
          held?.ref ??
          Number(orm(db).insert(sharedLists).values({ listId: m.listId, name: m.name, issuer: m.issuer, listType: m.listType, updatedAt: at }).run().lastInsertRowid);
        // The version's row is written last, once everything holds (its counts are known
        // then, and the row never changes): its entries refer to it meanwhile, so foreign
        // keys are checked at COMMIT in this transaction.
        db.pragma('defer_foreign_keys = ON');
        versionId = (orm(db).select({ last: max(sharedListVersions.id) }).from(sharedListVersions).get()?.last ?? 0) + 1;
        manifestText = a.manifestBytes.toString('utf8');
        manifestSm3 = a.manifestSm3;
        signature = a.signature.toString('base64');
        if (!held) held = { ref, version: 0, versionId: 0, manifestSm3: '' };
      },
      consume: (path) => (path === ENTRIES ? (chunk) => utf8(() => lines.push(chunk)) : undefined),
    });
    utf8(() => lines.end());
    const m = archive.manifest;
    if (entries !== m.count) throw new ArchiveFailure('COUNT_MISMATCH', `${ENTRIES} 有 ${entries} 条，清单记载 ${m.count} 条。`);
    orm(db)
      .insert(sharedListVersions)
      .values({
        id: versionId,
        listRef: held!.ref,
        version: m.version,
        issuedOn: m.date,
        entryCount: m.count,
        codelessCount: codeless,
        manifest: manifestText,
        manifestSm3,
        signature,
        keyId,
        fileName: opts.fileName,
        importedAt: at,
        importedBy: desk.login!,
      })
      .run();
    const replaced = held && held.version > 0 ? held.version : null;
    orm(db).update(sharedLists).set({ name: m.name, issuer: m.issuer, listType: m.listType, currentVersionId: versionId, updatedAt: at }).where(eq(sharedLists.id, held!.ref)).run();
    desk.audit({
      actor: desk.login,
      method: 'lists.import',
      target: `list:${m.listId}`,
      outcome: 'ok',
      detail: { name: m.name, version: m.version, replaced, entries, signer: archive.signerFingerprint, manifestSm3: archive.manifestSm3, fileName: opts.fileName },
    });
    desk.commitThenCheckpoint();
    opts.progress?.(entries, entries);
    return { listId: m.listId, name: m.name, version: m.version, replaced, entryCount: entries, signerFingerprint: archive.signerFingerprint, tookMs: Math.round(performance.now() - started) };
  } catch (err) {
    db.exec('ROLLBACK');
    if (err instanceof ArchiveFailure) {
      if (err.code === 'CANCELLED') throw new CoreError('CANCELLED', err.message);
      throw new CoreError('BAD_FILE', `名单未导入：${err.message}`, { refusal: err.code });
    }
    throw err;
  }
}
