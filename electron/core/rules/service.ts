/**
 * Rule tables an administrator installs (publication periods and classes …):
 * stored in the department database, versioned, never replaced, and loaded into
 * the catalogue's registry when the database is opened. Records keep the
 * version they were computed with.
 */
import { listRuleTables, registerRuleTable, ruleTableSchema, type PenaltyPublicationRuleTable } from '../catalog/publication-rules';
import { CoreError } from '../errors';
import type { SqliteDatabase } from '../store/database';

export interface RuleTableSummary {
  kind: string;
  version: string;
  effectiveFrom: string;
  source: string;
  builtIn: boolean;
}

/** Registers the tables stored in this database that the process does not know yet. */
export function loadStoredRuleTables(db: SqliteDatabase): void {
  const known = new Set(listRuleTables().map((t) => t.version));
  const rows = db.prepare('SELECT body FROM rule_tables ORDER BY effective_from').all() as { body: string }[];
  for (const r of rows) {
    const table = JSON.parse(r.body) as PenaltyPublicationRuleTable;
    if (!known.has(table.version)) registerRuleTable(table);
  }
}

export function listRules(db: SqliteDatabase): RuleTableSummary[] {
  const stored = new Set((db.prepare('SELECT version FROM rule_tables').all() as { version: string }[]).map((r) => r.version));
  return listRuleTables().map((t) => ({ kind: t.family, version: t.version, effectiveFrom: t.effectiveFrom, source: t.source, builtIn: !stored.has(t.version) }));
}

export function installRuleTable(db: SqliteDatabase, body: unknown, by: string, at: string): RuleTableSummary {
  const parsed = ruleTableSchema.safeParse(body);
  if (!parsed.success) {
    throw new CoreError('BAD_INPUT', `规则表格式有误：${parsed.error.issues.map((i) => `${i.path.join('.')}：${i.message}`).join('；')}`);
  }
  const table = parsed.data as PenaltyPublicationRuleTable;
  if (listRuleTables().some((t) => t.version === table.version)) {
    throw new CoreError('BAD_INPUT', `规则表版本“${table.version}”已存在；版本一经使用不可替换，请使用新的版本号。`);
  }
  try {
    registerRuleTable(table);
  } catch (err) {
    throw new CoreError('BAD_INPUT', (err as Error).message);
  }
  db.prepare('INSERT INTO rule_tables (kind, version, effective_from, body, installed_at, installed_by) VALUES (?, ?, ?, ?, ?, ?)').run(
    table.family,
    table.version,
    table.effectiveFrom,
    JSON.stringify(table),
    at,
    by,
  );
  return { kind: table.family, version: table.version, effectiveFrom: table.effectiveFrom, source: table.source, builtIn: false };
}
