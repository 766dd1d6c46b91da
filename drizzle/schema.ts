/**
 * The department database's tables. Migrations under drizzle/migrations are
 * generated from this file by `npm run db:generate` (drizzle-kit) and committed;
 * the core applies them in code when it opens a database.
 */
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** The one department this database belongs to (a single row, id = 1). */
export const department = sqliteTable('department', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  uscc: text('uscc').notNull(),
  regionCode: text('region_code').notNull(),
  contactPerson: text('contact_person').notNull().default(''),
  contactPhone: text('contact_phone').notNull().default(''),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/** People who may log in. Never deleted: disabling is a state. */
export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  login: text('login').notNull().unique(),
  name: text('name').notNull(),
  /** JSON array of roles, e.g. ["clerk","approver"]. */
  roles: text('roles').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: text('created_at').notNull(),
  createdBy: text('created_by'),
  disabledAt: text('disabled_at'),
  disabledBy: text('disabled_by'),
  passwordChangedAt: text('password_changed_at'),
});

/** Department-wide settings as key → JSON value. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: text('updated_at').notNull(),
  updatedBy: text('updated_by'),
});

/**
 * Append-only, hash-chained audit trail. Triggers (in the migration) refuse
 * UPDATE and DELETE; `hash` = SHA-256 over the previous hash and this entry.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    seq: integer('seq').primaryKey(),
    at: text('at').notNull(),
    actor: text('actor'),
    method: text('method').notNull(),
    target: text('target'),
    outcome: text('outcome', { enum: ['ok', 'error', 'denied'] }).notNull(),
    detail: text('detail').notNull().default(sql`'null'`),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_log_at').on(t.at), index('audit_log_actor').on(t.actor)],
);
