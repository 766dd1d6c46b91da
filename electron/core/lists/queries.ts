/**
 * Reading shared lists: the lists and their versions, the versions a check uses
 * (each list's current one), and the entries of those versions for a code or an
 * exact normalised name (both indexed).
 */
import type { CheckedVersion, ListHitBrief, ListVersionView, SharedListView } from '../../contract/checks';
import type { SqliteDatabase } from '../store/database';
import { normalizeName } from '../search/grams';
import { displayCode, listEffect, parseEntry, type ListEntry } from './format';

export interface CurrentVersion extends CheckedVersion {
  versionId: number;
}

/** Each list's current version: what a check is made against. */
export function currentVersions(db: SqliteDatabase): CurrentVersion[] {
  return db
    .prepare(
      `SELECT v.id AS versionId, l.list_id AS listId, l.name, v.version, v.issued_on AS issuedOn FROM shared_lists l
       JOIN shared_list_versions v ON v.id = l.current_version_id ORDER BY l.name, l.list_id`,
    )
    .all() as CurrentVersion[];
}

export function listViews(db: SqliteDatabase): SharedListView[] {
  const lists = db.prepare('SELECT id, list_id AS listId, name, issuer, list_type AS listType, current_version_id AS currentVersionId FROM shared_lists ORDER BY name, list_id').all() as {
    id: number;
    listId: string;
    name: string;
    issuer: string;
    listType: string;
    currentVersionId: number | null;
  }[];
  const versions = db.prepare(
    `SELECT v.id AS versionId, v.version, v.issued_on AS issuedOn, v.entry_count AS entryCount, v.manifest_sm3 AS manifestSm3,
       k.fingerprint AS signerFingerprint, v.file_name AS fileName, v.imported_at AS importedAt, v.imported_by AS importedBy
     FROM shared_list_versions v JOIN list_keys k ON k.id = v.key_id WHERE v.list_ref = ? ORDER BY v.version DESC`,
  );
  return lists.map((l) => {
    const all = (versions.all(l.id) as Omit<ListVersionView, 'current'>[]).map((v) => ({ ...v, current: v.versionId === l.currentVersionId }));
    return { listId: l.listId, name: l.name, issuer: l.issuer, listType: l.listType, effect: listEffect(l.listType) ?? 'sanction', current: all.find((v) => v.current) ?? null, versions: all };
  });
}

export interface EntryRow {
  versionId: number;
  line: number;
  entry: string;
}

/** The current version ids (what findEntries looks in), and those that hold entries without a code. */
export interface CurrentIds {
  all: number[];
  codeless: number[];
}

export function currentVersionIds(db: SqliteDatabase): CurrentIds {
  const rows = db
    .prepare(
      `SELECT v.id, v.codeless_count AS codeless FROM shared_lists l JOIN shared_list_versions v ON v.id = l.current_version_id ORDER BY v.id`,
    )
    .all() as { id: number; codeless: number }[];
  return { all: rows.map((r) => r.id), codeless: rows.filter((r) => r.codeless > 0).map((r) => r.id) };
}

export function hasCurrentLists(db: SqliteDatabase): boolean {
  return db.prepare('SELECT 1 FROM shared_lists WHERE current_version_id IS NOT NULL LIMIT 1').get() !== undefined;
}

type Lookup = 'code' | 'nameWithoutCode' | 'name';

const WHERE: Record<Lookup, string> = {
  code: "code = ? AND code <> ''",
  nameWithoutCode: "name_key = ? AND code = ''",
  name: 'name_key = ?',
};

/**
 * Prepared lookups per connection, by kind and number of current versions: the
 * version ids are bound as values (`version_id IN (?, ?)`), so each lookup is one
 * index range per version (measured: about half the time of a subquery on shared_lists).
 */
const statements = new WeakMap<SqliteDatabase, Map<string, ReturnType<SqliteDatabase['prepare']>>>();

function lookup(db: SqliteDatabase, kind: Lookup, key: string, versionIds: readonly number[]): EntryRow[] {
  if (versionIds.length === 0) return [];
  let byShape = statements.get(db);
  if (!byShape) statements.set(db, (byShape = new Map()));
  const shape = `${kind}:${versionIds.length}`;
  let stmt = byShape.get(shape);
  if (!stmt) {
    stmt = db.prepare(`SELECT version_id AS versionId, line, entry FROM shared_list_entries WHERE ${WHERE[kind]} AND version_id IN (${versionIds.map(() => '?').join(', ')})`);
    byShape.set(shape, stmt);
  }
  return stmt.all([key, ...versionIds]) as EntryRow[];
}

export interface FoundEntry extends EntryRow {
  matchedBy: 'code' | 'name';
}

/**
 * Entries of the current versions for a subject. With a code: the entries with that
 * code, and those without any code whose name is the subject's (when the name is
 * known). With a name only: every entry with exactly that name. `ids` are the
 * current versions (currentVersionIds), read once per call by the caller.
 */
export function findEntries(db: SqliteDatabase, subject: { code: string | null; nameKey: string | null }, ids: CurrentIds = currentVersionIds(db)): FoundEntry[] {
  const found: FoundEntry[] = [];
  if (subject.code) {
    for (const r of lookup(db, 'code', subject.code, ids.all)) found.push({ ...r, matchedBy: 'code' });
    // Entries without a code are found by name; most lists have none, and then the lookup is skipped.
    if (subject.nameKey) for (const r of lookup(db, 'nameWithoutCode', subject.nameKey, ids.codeless)) found.push({ ...r, matchedBy: 'name' });
  } else if (subject.nameKey) {
    for (const r of lookup(db, 'name', subject.nameKey, ids.all)) found.push({ ...r, matchedBy: 'name' });
  }
  return found;
}

export interface VersionInfo {
  versionId: number;
  listId: string;
  name: string;
  version: number;
  listType: string;
}

/** Version facts by id, cached per call site (a check of many applicants reads few versions many times). */
export function versionInfo(db: SqliteDatabase, cache: Map<number, VersionInfo>, versionId: number): VersionInfo {
  let v = cache.get(versionId);
  if (!v) {
    v = db
      .prepare(
        `SELECT v.id AS versionId, l.list_id AS listId, l.name, v.version, l.list_type AS listType FROM shared_list_versions v
         JOIN shared_lists l ON l.id = v.list_ref WHERE v.id = ?`,
      )
      .get(versionId) as VersionInfo;
    cache.set(versionId, v);
  }
  return v;
}

export function measureName(m: ListEntry['measures'][number]): string {
  return typeof m === 'string' ? m : m.measure;
}

/** An entry as shown where work happens: masked code, all its measures, expired or not. */
export function briefOf(entry: ListEntry, info: VersionInfo, matchedBy: 'code' | 'name', today: string): ListHitBrief {
  return {
    name: entry.name,
    code: displayCode(entry.code),
    list: info.name,
    listId: info.listId,
    version: info.version,
    effect: listEffect(entry.listType) ?? listEffect(info.listType) ?? 'sanction',
    basis: entry.basis,
    listedOn: entry.listedOn,
    expires: entry.expires,
    measures: entry.measures.map(measureName),
    matchedBy,
    expired: entry.expires !== null && entry.expires < today,
  };
}

/** The entries of the current lists for a code and/or name, expired ones included (flagged). */
export function entriesFor(db: SqliteDatabase, subject: { code: string | null; name: string | null }, today: string, cache = new Map<number, VersionInfo>()): ListHitBrief[] {
  const nameKey = subject.name ? normalizeName(subject.name) || null : null;
  return findEntries(db, { code: subject.code, nameKey }).map((f) => briefOf(parseEntry(f.entry), versionInfo(db, cache, f.versionId), f.matchedBy, today));
}
