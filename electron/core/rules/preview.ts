/**
 * What installing a table would change, before it is installed (系统设置 → 日历与规则,
 * issue 19): a calendar year or a rule table of any family `rules.install` takes, read
 * from the chosen file, checked, described, and — for a calendar — every open case whose
 * due date would move, computed on the new year without installing it. Writes nothing;
 * the install itself goes through calendar.install / rules.install as before.
 */
import type { TablePreview } from '../../contract/rules';
import { CASE_KIND_LABELS } from '../cases/labels';
import { dueOf } from '../cases/clock';
import { openCases } from '../cases/service';
import { listRuleTables, ruleTableSchema } from '../catalog/publication-rules';
import { caseRulesSchema, listCaseRules } from '../cases/rules';
import { CALENDAR_FORMAT, calendarYear, withCalendarYear } from '../calendar/years';
import { CALENDAR_KIND } from '../calendar/store';
import { CoreError } from '../errors';
import { parseJsonTableFile } from '../io/json-table';
import type { SqliteDatabase } from '../store/database';

function issues(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues.map((i) => `${i.path.map(String).join('.') || '文件'}：${i.message}`).join('；');
}

/** The newest version of a family in use: what a new version follows. */
function latest(kind: string): string | null {
  const all = kind === 'case-rules' ? listCaseRules() : kind === 'penalty-publication' ? listRuleTables() : [];
  return all.length ? all[all.length - 1].version : null;
}

export function previewTableFile(db: SqliteDatabase, bytes: Uint8Array): TablePreview {
  const body = parseJsonTableFile(bytes, '规则表或日历文件');
  const open = openCases(db);
  if (body.format === CALENDAR_FORMAT || (typeof body.year === 'number' && Array.isArray(body.holidays))) {
    const year = typeof body.year === 'number' ? body.year : null;
    const replaces = year !== null ? (calendarYear(year)?.version ?? null) : null;
    let moved: TablePreview['casesMoved'] = [];
    let table;
    try {
      table = withCalendarYear(body, (t) => {
        moved = open.flatMap((c) => {
          const next = dueOf(c.clock);
          const after = next?.due ?? null;
          if (after === c.due) return [];
          return [{ caseId: c.id, caseNo: c.caseNo, kind: c.kind, kindLabel: CASE_KIND_LABELS[c.kind], applicantName: c.applicantName, before: c.due, after }];
        });
        return t;
      });
    } catch (err) {
      throw new CoreError('BAD_INPUT', (err as Error).message);
    }
    return {
      kind: CALENDAR_KIND,
      version: table.version,
      effectiveFrom: `${table.year}-01-01`,
      source: table.source,
      replaces,
      summary: [
        `${table.year} 年工作日历：放假 ${table.holidays.length} 段（${table.holidays.map((h) => `${h.name} ${h.from}${h.to !== h.from ? ` 至 ${h.to}` : ''}`).join('；') || '无'}）`,
        `调休上班 ${table.workdays.length} 天${table.workdays.length ? `（${table.workdays.map((w) => w.date).join('、')}）` : ''}`,
        replaces ? `替换正在使用的 ${table.year} 年日历 ${replaces}` : `此前没有 ${table.year} 年的日历：这一年的期限只按周末估算`,
      ],
      openCases: open.length,
      casesMoved: moved,
      table: body,
    };
  }
  const family = body.family;
  let parsed: { version: string; effectiveFrom: string; source: string };
  const summary: string[] = [];
  if (family === 'case-rules') {
    const r = caseRulesSchema.safeParse(body);
    if (!r.success) throw new CoreError('BAD_INPUT', `规则表格式有误：${issues(r.error)}`);
    parsed = r.data;
    summary.push(`异议 ${r.data.objection.decideWithinWorkingDays} 个工作日内办结；信用修复 ${r.data.repair.decideWithinWorkingDays} 个工作日内办结`);
  } else if (family === 'penalty-publication') {
    const r = ruleTableSchema.safeParse(body);
    if (!r.success) throw new CoreError('BAD_INPUT', `规则表格式有误：${issues(r.error)}`);
    parsed = r.data as { version: string; effectiveFrom: string; source: string };
  } else if (typeof family === 'string' && typeof body.version === 'string' && typeof body.effectiveFrom === 'string') {
    // A family this preview does not know in detail (a newer one): rules.install checks it.
    parsed = { version: body.version, effectiveFrom: body.effectiveFrom, source: typeof body.source === 'string' ? body.source : '' };
  } else {
    throw new CoreError('BAD_INPUT', '文件既不是工作日历（format: credit-desk-calendar/1），也不是规则表（须有 family、version、effectiveFrom）。');
  }
  const kind = String(family);
  const replaces = latest(kind);
  summary.push(`自 ${parsed.effectiveFrom} 起适用${replaces ? `，接替版本 ${replaces}` : ''}；此前已登记的案件和已录入的记录仍按原来的版本计算`);
  return { kind, version: parsed.version, effectiveFrom: parsed.effectiveFrom, source: parsed.source, replaces, summary, openCases: open.length, casesMoved: [], table: body };
}
