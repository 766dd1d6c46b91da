/**
 * Reading shared lists: the lists and their versions, the versions a check uses
 * (each list's current one), and the entries of those versions for a code or an
 * exact normalised name (both indexed).
 */
import { desc, eq, isNotNull } from 'drizzle-orm';
import { listKeys, sharedListEntries, sharedLists, sharedListVersions } from '../../../drizzle/schema';
import type { ListHitBrief, SharedListView } from '../../contract/checks';
import type { SqliteDatabase } from '../store/database';
import { orm, preparedQuery } from '../store/orm';
import { statement, statementFamily, type Row, type Runner } from '../store/sql';
import { normalizeName } from '../search/grams';
import { displayCode, listEffect, parseEntry, type ListEntry } from './format';

const currentVersionsQuery = preparedQuery((o) =>
  o
    .select({ versionId: sharedListVersions.id, listId: sharedLists.listId, name: sharedLists.name, version: sharedListVersions.version, issuedOn: sharedListVersions.issuedOn })
    .from(sharedLists)
    .innerJoin(sharedListVersions, eq(sharedListVersions.id, sharedLists.currentVersionId))
    .orderBy(sharedLists.name, sharedLists.listId)
    .prepare(),
);

/** Each list's current version: what a check is made against (read by every check). */
export function currentVersions(db: SqliteDatabase) {
  return currentVersionsQuery(db).all();
}

export type CurrentVersion = ReturnType<typeof currentVersions>[number];

export function listViews(db: SqliteDatabase): SharedListView[] {
  const lists = orm(db).select().from(sharedLists).orderBy(sharedLists.name, sharedLists.listId).all();
  const versions = (listRef: number) =>
    orm(db)
      .select({
        versionId: sharedListVersions.id,
        version: sharedListVersions.version,
        issuedOn: sharedListVersions.issuedOn,
        entryCount: sharedListVersions.entryCount,
        manifestSm3: sharedListVersions.manifestSm3,
        signerFingerprint: listKeys.fingerprint,
        fileName: sharedListVersions.fileName,
        importedAt: sharedListVersions.importedAt,
        importedBy: sharedListVersions.importedBy,
      })
      .from(sharedListVersions)
      .innerJoin(listKeys, eq(listKeys.id, sharedListVersions.keyId))
      .where(eq(sharedListVersions.listRef, listRef))
      .orderBy(desc(sharedListVersions.version))
      .all();
  return lists.map((l) => {
    const all = versions(l.id).map((v) => ({ ...v, current: v.versionId === l.currentVersionId }));
    return { listId: l.listId, name: l.name, issuer: l.issuer, listType: l.listType, effect: listEffect(l.listType) ?? 'sanction', current: all.find((v) => v.current) ?? null, versions: all };
  });
}

const currentIdsQuery = preparedQuery((o) =>
  o
    .select({ id: sharedListVersions.id, codeless: sharedListVersions.codelessCount })
    .from(sharedLists)
    .innerJoin(sharedListVersions, eq(sharedListVersions.id, sharedLists.currentVersionId))
    .orderBy(sharedListVersions.id)
    .prepare(),
);

/** The current version ids (what findEntries looks in), and those that hold entries without a code. */
export function currentVersionIds(db: SqliteDatabase) {
  const rows = currentIdsQuery(db).all();
  return { all: rows.map((r) => r.id), codeless: rows.filter((r) => r.codeless > 0).map((r) => r.id) };
}

export type CurrentIds = ReturnType<typeof currentVersionIds>;

export function hasCurrentLists(db: SqliteDatabase): boolean {
  return orm(db).select({ id: sharedLists.id }).from(sharedLists).where(isNotNull(sharedLists.currentVersionId)).limit(1).get() !== undefined;
}

type Lookup = 'code' | 'nameWithoutCode' | 'name';

const WHERE: Record<Lookup, string> = {
  code: "code = ? AND code <> ''",
  nameWithoutCode: "name_key = ? AND code = ''",
  name: 'name_key = ?',
};

type EntryRow = Pick<Row<typeof sharedListEntries>, 'version_id' | 'line' | 'entry'>;

/**
 * The lookups of the check of many applicants (hot path, bench section E), by kind and
 * number of current versions: the version ids are bound as values (`version_id IN (?, ?)`),
 * so each lookup is one index range per version (measured: about half the time of a
 * subquery on shared_lists). The literal `code <> ''` lets SQLite use the partial index.
 */
const entryLookup = statementFamily<{ kind: Lookup; versions: number }, EntryRow, (string | number)[]>(
  'lists.entries',
  ({ kind, versions }) => `SELECT version_id, line, entry FROM shared_list_entries WHERE ${WHERE[kind]} AND version_id IN (${Array(versions).fill('?').join(', ')})`,
  (['code', 'nameWithoutCode', 'name'] as const).flatMap((kind) => [1, 2].map((versions) => ({ kind, versions }))),
);

/** One runner per shape, so a lookup builds no SQL text. */
const lookups = new Map<string, Runner<EntryRow, (string | number)[]>>();

function lookup(db: SqliteDatabase, kind: Lookup, key: string, versionIds: readonly number[]): EntryRow[] {
  if (versionIds.length === 0) return [];
  const shape = `${kind}:${versionIds.length}`;
  let runner = lookups.get(shape);
  if (!runner) lookups.set(shape, (runner = entryLookup({ kind, versions: versionIds.length })));
  return runner.all(db, key, ...versionIds);
}

export type FoundEntry = EntryRow & { matchedBy: 'code' | 'name' };

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

/** A list version's facts (a hit names its list and version); read per hit of a check of many, cached. */
const versionFacts = statement<Pick<Row<typeof sharedListVersions>, 'id' | 'version'> & Pick<Row<typeof sharedLists>, 'list_id' | 'name' | 'list_type'>, [number]>(
  'lists.versionInfo',
  `SELECT v.id, l.list_id, l.name, v.version, l.list_type FROM shared_list_versions v JOIN shared_lists l ON l.id = v.list_ref WHERE v.id = ?`,
);

export type VersionInfo = NonNullable<ReturnType<typeof versionFacts.get>>;

/** Version facts by id, cached per call site (a check of many applicants reads few versions many times). */
export function versionInfo(db: SqliteDatabase, cache: Map<number, VersionInfo>, versionId: number): VersionInfo {
  let v = cache.get(versionId);
  if (!v) {
    v = versionFacts.get(db, versionId)!;
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
    listId: info.list_id,
    version: info.version,
    effect: listEffect(entry.listType) ?? listEffect(info.list_type) ?? 'sanction',
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
  return findEntries(db, { code: subject.code, nameKey }).map((f) => briefOf(parseEntry(f.entry), versionInfo(db, cache, f.version_id), f.matchedBy, today));
}
