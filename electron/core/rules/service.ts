/**
 * Rule tables an administrator installs (publication periods and classes, case
 * time limits and materials …) and years of the working-day calendar: stored in
 * the department database (rule_tables, by kind), versioned, never replaced, and
 * loaded into their registries when the database is opened. Records and cases
 * keep the version they were computed with.
 */
import { listRuleTables, registerRuleTable, ruleTableSchema, type PenaltyPublicationRuleTable } from '../catalog/publication-rules';
import { CALENDAR_KIND, loadStoredCalendar } from '../calendar/store';
import { caseRulesSchema, listCaseRules, registerCaseRules } from '../cases/rules';
import { CoreError } from '../errors';
import { legalBasesSchema, listLegalBases, registerLegalBases } from '../letters/bases';
import { asc, sql } from 'drizzle-orm';
import { ruleTables } from '../../../drizzle/schema';
import type { SqliteDatabase } from '../store/database';
import { orm } from '../store/orm';

export interface RuleTableSummary {
  kind: string;
  version: string;
  effectiveFrom: string;
  source: string;
  builtIn: boolean;
}

/** The rule table families `rules install` takes. */
const FAMILIES = ['penalty-publication', 'case-rules', 'legal-bases'] as const;

/** Registers the tables (and calendar years) stored in this database that the process does not know yet. */
export function loadStoredRuleTables(db: SqliteDatabase): void {
  const knownPenalty = new Set(listRuleTables().map((t) => t.version));
  const knownCases = new Set(listCaseRules().map((t) => t.version));
  const knownBases = new Set(listLegalBases().map((t) => t.version));
  // In the order installed: of two versions of one calendar year, the later one is used.
  const rows = orm(db)
    .select({ kind: ruleTables.kind, version: ruleTables.version, body: ruleTables.body })
    .from(ruleTables)
    .orderBy(asc(ruleTables.installedAt), sql`rowid`)
    .all();
  for (const r of rows) {
    if (r.kind === 'penalty-publication' && !knownPenalty.has(r.version)) registerRuleTable(JSON.parse(r.body) as PenaltyPublicationRuleTable);
    else if (r.kind === 'case-rules' && !knownCases.has(r.version)) registerCaseRules(JSON.parse(r.body));
    else if (r.kind === 'legal-bases' && !knownBases.has(r.version)) registerLegalBases(JSON.parse(r.body));
    else if (r.kind === CALENDAR_KIND) loadStoredCalendar(r.body);
  }
}

export function listRules(db: SqliteDatabase): RuleTableSummary[] {
  const stored = new Set(
    orm(db)
      .select({ kind: ruleTables.kind, version: ruleTables.version })
      .from(ruleTables)
      .all()
      .map((r) => `${r.kind}:${r.version}`),
  );
  const summary = (kind: string, t: { version: string; effectiveFrom: string; source: string }): RuleTableSummary => ({
    kind,
    version: t.version,
    effectiveFrom: t.effectiveFrom,
    source: t.source,
    builtIn: !stored.has(`${kind}:${t.version}`),
  });
  return [...listRuleTables().map((t) => summary(t.family, t)), ...listCaseRules().map((t) => summary(t.family, t)), ...listLegalBases().map((t) => summary(t.family, t))];
}

function issues(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues.map((i) => `${i.path.map(String).join('.')}：${i.message}`).join('；');
}

export { parseRuleTableFile } from '../io/json-table';

export function installRuleTable(db: SqliteDatabase, body: unknown, by: string, at: string): RuleTableSummary {
  const family = (body as { family?: unknown } | null)?.family;
  if (!FAMILIES.includes(family as (typeof FAMILIES)[number])) {
    throw new CoreError('BAD_INPUT', `规则表格式有误：family 应为 ${FAMILIES.join(' 或 ')}（公示期限规则、案件规则、法律依据表）。`);
  }
  let table: { family: string; version: string; effectiveFrom: string; source: string };
  if (family === 'legal-bases') {
    const parsed = legalBasesSchema.safeParse(body);
    if (!parsed.success) throw new CoreError('BAD_INPUT', `规则表格式有误：${issues(parsed.error)}`);
    if (listLegalBases().some((t) => t.version === parsed.data.version)) {
      throw new CoreError('BAD_INPUT', `规则表版本“${parsed.data.version}”已存在；版本一经使用不可替换，请使用新的版本号。`);
    }
    try {
      table = registerLegalBases(parsed.data);
    } catch (err) {
      throw new CoreError('BAD_INPUT', (err as Error).message);
    }
  } else if (family === 'case-rules') {
    const parsed = caseRulesSchema.safeParse(body);
    if (!parsed.success) throw new CoreError('BAD_INPUT', `规则表格式有误：${issues(parsed.error)}`);
    if (listCaseRules().some((t) => t.version === parsed.data.version)) {
      throw new CoreError('BAD_INPUT', `规则表版本“${parsed.data.version}”已存在；版本一经使用不可替换，请使用新的版本号。`);
    }
    try {
      table = registerCaseRules(parsed.data);
    } catch (err) {
      throw new CoreError('BAD_INPUT', (err as Error).message);
    }
  } else {
    const parsed = ruleTableSchema.safeParse(body);
    if (!parsed.success) throw new CoreError('BAD_INPUT', `规则表格式有误：${issues(parsed.error)}`);
    const penalty = parsed.data as PenaltyPublicationRuleTable;
    if (listRuleTables().some((t) => t.version === penalty.version)) {
      throw new CoreError('BAD_INPUT', `规则表版本“${penalty.version}”已存在；版本一经使用不可替换，请使用新的版本号。`);
    }
    try {
      registerRuleTable(penalty);
    } catch (err) {
      throw new CoreError('BAD_INPUT', (err as Error).message);
    }
    table = penalty;
  }
  orm(db)
    .insert(ruleTables)
    .values({ kind: table.family, version: table.version, effectiveFrom: table.effectiveFrom, body: JSON.stringify(table), installedAt: at, installedBy: by })
    .run();
  return { kind: table.family, version: table.version, effectiveFrom: table.effectiveFrom, source: table.source, builtIn: false };
}
