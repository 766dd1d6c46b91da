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

/** Largest rule table file read (the built-in table is a few KiB). */
export const MAX_RULE_TABLE_BYTES = 1024 * 1024;

/**
 * A rule table file's bytes (UTF-8 JSON, a BOM allowed) as the object to install;
 * anything else is BAD_FILE with what is wrong. The table's fields are checked by
 * installRuleTable.
 */
export function parseRuleTableFile(bytes: Uint8Array): Record<string, unknown> {
  if (bytes.length > MAX_RULE_TABLE_BYTES) throw new CoreError('BAD_FILE', `规则表文件过大（${bytes.length} 字节，上限 ${MAX_RULE_TABLE_BYTES} 字节）。`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new CoreError('BAD_FILE', '规则表文件不是 UTF-8 编码的文本。');
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    throw new CoreError('BAD_FILE', `规则表文件不是有效的 JSON：${(err as Error).message}`);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new CoreError('BAD_FILE', '规则表文件应是一个 JSON 对象。');
  return body as Record<string, unknown>;
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
