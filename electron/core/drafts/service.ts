/**
 * Drafts of open forms (issue 19): what a person typed and has not saved, kept in the
 * encrypted database as they type so that a lock, a crash or a closed window loses
 * nothing. A draft belongs to its person alone (every query is by the session's login),
 * is replaced as they type, removed when the form is saved or discarded, and expires
 * DRAFT_DAYS after its last change.
 *
 * Saving a draft is not audited: it is one person's unsaved typing, written every few
 * seconds while they type, not a change to the department's data; what is audited is
 * the save of the form itself (records.create …), as before.
 */
import type { DraftSummary, DraftView } from '../../contract/drafts';
import { CoreError } from '../errors';
import { and, desc, eq, lt, notInArray, sql } from 'drizzle-orm';
import { formDrafts } from '../../../drizzle/schema';
import type { SqliteDatabase } from '../store/database';
import { orm } from '../store/orm';

export const DRAFT_DAYS = 7;
/** A form's values are small; this bounds what one person can park in the database. */
export const DRAFT_MAX_BYTES = 256 * 1024;
const MAX_DRAFTS_PER_PERSON = 50;

function purge(db: SqliteDatabase, now: Date): void {
  const cutoff = new Date(now.getTime() - DRAFT_DAYS * 86_400_000).toISOString();
  orm(db).delete(formDrafts).where(lt(formDrafts.updatedAt, cutoff)).run();
}

export function listDrafts(db: SqliteDatabase, login: string, now: Date): DraftSummary[] {
  purge(db, now);
  const rows = orm(db)
    .select({
      form: formDrafts.form,
      title: formDrafts.title,
      updatedAt: formDrafts.updatedAt,
      route: sql<unknown>`json_extract(${formDrafts.data}, '$.route')`,
    })
    .from(formDrafts)
    .where(eq(formDrafts.login, login))
    .orderBy(desc(formDrafts.updatedAt))
    .all();
  return rows.map((r) => ({ ...r, route: typeof r.route === 'string' && r.route.startsWith('#/') ? r.route : null, expiresAt: expiry(r.updatedAt) }));
}

export function getDraft(db: SqliteDatabase, login: string, form: string, now: Date): DraftView | null {
  purge(db, now);
  const row = orm(db)
    .select({ form: formDrafts.form, title: formDrafts.title, data: formDrafts.data, updatedAt: formDrafts.updatedAt })
    .from(formDrafts)
    .where(and(eq(formDrafts.login, login), eq(formDrafts.form, form)))
    .get();
  if (!row) return null;
  const data = JSON.parse(row.data) as unknown;
  const route = (data as { route?: unknown } | null)?.route;
  return { form: row.form, title: row.title, data, updatedAt: row.updatedAt, expiresAt: expiry(row.updatedAt), route: typeof route === 'string' && route.startsWith('#/') ? route : null };
}

function expiry(updatedAt: string): string {
  return new Date(Date.parse(updatedAt) + DRAFT_DAYS * 86_400_000).toISOString();
}

export function saveDraft(db: SqliteDatabase, login: string, draft: { form: string; title: string; data: unknown }, now: Date): { updatedAt: string; expiresAt: string } {
  const data = JSON.stringify(draft.data ?? null);
  if (Buffer.byteLength(data) > DRAFT_MAX_BYTES) {
    throw new CoreError('BAD_INPUT', `草稿太大（超过 ${DRAFT_MAX_BYTES / 1024} KB），未保存。`);
  }
  const at = now.toISOString();
  db.transaction(() => {
    const q = orm(db);
    q.insert(formDrafts)
      .values({ login, form: draft.form, title: draft.title, data, updatedAt: at })
      .onConflictDoUpdate({
        target: [formDrafts.login, formDrafts.form],
        set: { title: sql`excluded.title`, data: sql`excluded.data`, updatedAt: sql`excluded.updated_at` },
      })
      .run();
    // The oldest drafts give way beyond a person's limit.
    const newest = q
      .select({ form: formDrafts.form })
      .from(formDrafts)
      .where(eq(formDrafts.login, login))
      .orderBy(desc(formDrafts.updatedAt))
      .limit(MAX_DRAFTS_PER_PERSON);
    q.delete(formDrafts)
      .where(and(eq(formDrafts.login, login), notInArray(formDrafts.form, newest)))
      .run();
  })();
  return { updatedAt: at, expiresAt: expiry(at) };
}

export function discardDraft(db: SqliteDatabase, login: string, form: string): boolean {
  return orm(db).delete(formDrafts).where(and(eq(formDrafts.login, login), eq(formDrafts.form, form))).run().changes > 0;
}
