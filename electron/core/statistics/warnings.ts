/**
 * Warnings (预警), as of now: what a department head would want to know before the
 * district's bulletin does. Each names what it is about and links to it; each
 * threshold is a department setting (settings.ts).
 */
import type { WarningSettings, WarningView } from '../../contract/statistics';
import { lastBackup } from '../backup/service';
import { addDays, chinaDate, workingDaysBetween } from '../calendar';
import { currentVersions } from '../lists/queries';
import type { SqliteDatabase } from '../store/database';
import { timelinessSummary } from '../timeliness/service';
import { monthBefore, monthOf, monthWindow, type MonthWindow } from './month';
import { FIGURE_SAMPLES, figureQuery, figureText, type FigureShape } from './records';
import { listCategories } from '../catalog/registry';
import { warningSettings } from './settings';
import type { cases, records, signingKeys, users } from '../../../drizzle/schema';
import { statement, statementFamily, type Row } from '../store/sql';

type Params = Record<string, unknown>;
/** The warnings ask only about answered operations. */
const ANSWERED_SAMPLES = FIGURE_SAMPLES.filter((s) => s.figure === 'rejected' || s.figure === 'accepted');

const figureCount = statementFamily<FigureShape, { n: number }, [Params]>(
  'statistics.figureCount',
  (shape) => `SELECT count(*) AS n FROM (${figureText(shape)})`,
  ANSWERED_SAMPLES,
);
const figureMostIn = statementFamily<FigureShape, Pick<Row<typeof records>, 'category'>, [Params]>(
  'statistics.figureMostIn',
  (shape) => `SELECT r.category FROM records r WHERE r.id IN (${figureText(shape)}) GROUP BY r.category ORDER BY count(*) DESC, r.category LIMIT 1`,
  ANSWERED_SAMPLES,
);
const openCases = statement<Pick<Row<typeof cases>, 'case_no' | 'kind'> & { due: string }>(
  'statistics.openCases',
  `SELECT case_no, kind, due FROM cases WHERE state IN ('registered', 'investigating', 'proposed') AND due IS NOT NULL ORDER BY due, id`,
);
const unregisteredKeys = statement<Pick<Row<typeof signingKeys>, 'id' | 'login' | 'fingerprint'> & Pick<Row<typeof users>, 'name'>>(
  'statistics.unregisteredKeys',
  `SELECT k.id, k.login, u.name, k.fingerprint FROM signing_keys k JOIN users u ON u.login = k.login
       WHERE k.retired_at IS NULL AND u.active = 1
         AND NOT EXISTS (SELECT 1 FROM print_log p WHERE p.kind = 'key-sheet' AND p.target = 'key:' || k.id AND p.state = 'done')
       ORDER BY k.id`,
);

/** Rejected and answered record operations of the batches signed in a month. */
function answered(db: SqliteDatabase, w: MonthWindow): { rejected: number; answered: number } {
  const keys = listCategories().map((c) => c.key);
  const rejected = figureQuery(db, 'rejected', w, keys);
  const accepted = figureQuery(db, 'accepted', w, keys);
  const count = (f: { shape: FigureShape; params: Params }) => figureCount(f.shape).value<number>(db, f.params) ?? 0;
  const r = count(rejected);
  return { rejected: r, answered: r + count(accepted) };
}

/** The category most of a figure's records are in (the records list opens on its tab). */
function mostIn(db: SqliteDatabase, f: { shape: FigureShape; params: Params }): string | undefined {
  return figureMostIn(f.shape).value<string>(db, f.params);
}

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;

function rejectionWarning(db: SqliteDatabase, now: Date, s: WarningSettings): WarningView | null {
  const month = monthOf(now);
  const current = answered(db, monthWindow(month, now));
  if (current.answered === 0 || current.answered < s.rejectionMinAnswered) return null;
  let before = { rejected: 0, answered: 0 };
  for (let n = 1; n <= 3; n++) {
    const a = answered(db, monthWindow(monthBefore(month, n), now));
    before = { rejected: before.rejected + a.rejected, answered: before.answered + a.answered };
  }
  const rateNow = current.rejected / current.answered;
  const rateBefore = before.answered === 0 ? 0 : before.rejected / before.answered;
  if (rateNow * 100 <= rateBefore * 100 + s.rejectionRiseMargin) return null;
  return {
    kind: 'rejection-rate',
    count: current.rejected,
    message: `本月退回率 ${percent(rateNow)}（${current.rejected} / ${current.answered}），高于前三个月的 ${percent(rateBefore)}${s.rejectionRiseMargin ? `（提醒阈值：高出 ${s.rejectionRiseMargin} 个百分点）` : ''}`,
    link: { page: 'records', category: mostIn(db, figureQuery(db, 'rejected', monthWindow(month, now), listCategories().map((c) => c.key))), statistic: { figure: 'rejected', month } },
    items: [],
  };
}

function recordWarnings(db: SqliteDatabase, now: Date, s: WarningSettings): WarningView[] {
  const t = timelinessSummary(db, now, 10, s.recordsDueWithinWorkingDays);
  const items = (list: typeof t.dueSoon.items) => list.map((r) => ({ label: `${r.subjectName} ${r.decisionNo}`, detail: `决定日期 ${r.decisionDate ?? ''}，报送期限 ${r.dueDate}` }));
  const out: WarningView[] = [];
  if (t.overdue.count > 0) {
    out.push({
      kind: 'records-overdue',
      count: t.overdue.count,
      message: `${t.overdue.count} 条双公示记录已超过 7 个工作日仍未报送（迟报）`,
      link: { page: 'records', category: t.overdue.items[0]?.category, timeliness: 'overdue' },
      items: items(t.overdue.items),
    });
  }
  if (t.dueSoon.count > 0) {
    out.push({
      kind: 'records-due-soon',
      count: t.dueSoon.count,
      message: `${t.dueSoon.count} 条双公示记录距报送期限不足 ${s.recordsDueWithinWorkingDays} 个工作日（含当天到期）`,
      link: { page: 'records', category: t.dueSoon.items[0]?.category, timeliness: 'soon' },
      items: items(t.dueSoon.items),
    });
  }
  return out;
}

function caseWarnings(db: SqliteDatabase, today: string, s: WarningSettings): WarningView[] {
  const open = openCases.all(db);
  const overdue = open.filter((c) => c.due < today);
  const soon = open.filter((c) => c.due >= today && workingDaysBetween(today, c.due) <= s.casesDueWithinWorkingDays);
  const kind = (k: string) => (k === 'objection' ? '异议' : '信用修复');
  const items = (list: typeof open) => list.slice(0, 10).map((c) => ({ label: `${kind(c.kind)} ${c.case_no}`, detail: `办理期限 ${c.due}` }));
  const out: WarningView[] = [];
  if (overdue.length > 0) {
    out.push({
      kind: 'cases-overdue',
      count: overdue.length,
      message: `${overdue.length} 件异议、信用修复案件已超过办理期限`,
      link: { page: 'cases', kind: overdue[0].kind, overdue: true },
      items: items(overdue),
    });
  }
  if (soon.length > 0) {
    out.push({
      kind: 'cases-due-soon',
      count: soon.length,
      message: `${soon.length} 件案件距办理期限不足 ${s.casesDueWithinWorkingDays} 个工作日（含当天到期）`,
      link: { page: 'cases', kind: soon[0].kind, dueWithin: s.casesDueWithinWorkingDays },
      items: items(soon),
    });
  }
  return out;
}

function listWarning(db: SqliteDatabase, today: string, s: WarningSettings): WarningView | null {
  const limit = addDays(today, -s.listMaxAgeDays);
  const stale = currentVersions(db).filter((v) => v.issuedOn < limit);
  if (stale.length === 0) return null;
  return {
    kind: 'list-stale',
    count: stale.length,
    message: `${stale.length} 份共享名单超过 ${s.listMaxAgeDays} 天未更新，核查可能漏掉新列入的主体`,
    link: { page: 'lists' },
    items: stale.slice(0, 10).map((v) => ({ label: `${v.name} 第 ${v.version} 版`, detail: `名单日期 ${v.issuedOn}` })),
  };
}

function backupWarning(db: SqliteDatabase, now: Date, s: WarningSettings): WarningView | null {
  const last = lastBackup(db);
  const limit = new Date(now.getTime() - s.backupMaxAgeDays * 86_400_000).toISOString();
  if (last && last.createdAt >= limit) return null;
  return {
    kind: 'backup-stale',
    count: 1,
    message: last ? `已超过 ${s.backupMaxAgeDays} 天没有备份（最近一次：${chinaDate(new Date(last.createdAt))}）` : '本部门还没有任何备份',
    link: { page: 'backup' },
    items: last ? [{ label: last.fileName, detail: chinaDate(new Date(last.createdAt)) }] : [],
  };
}

/** An approver's signing key whose 签名公钥登记表 was never printed: the platform cannot have registered it. */
function keySheetWarning(db: SqliteDatabase): WarningView | null {
  const keys = unregisteredKeys.all(db);
  if (keys.length === 0) return null;
  return {
    kind: 'key-sheet-missing',
    count: keys.length,
    message: `${keys.length} 位审核人的签名公钥尚未打印登记表，平台无从登记，签发的批次可能无法验证`,
    link: { page: 'keys', login: keys.length === 1 ? keys[0].login : undefined },
    items: keys.map((k) => ({ label: `${k.name}（${k.login}）`, detail: `指纹 ${k.fingerprint.slice(0, 16)}…` })),
  };
}

/** Every warning that applies now, the most pressing first. */
export function currentWarnings(db: SqliteDatabase, now: Date): WarningView[] {
  const s = warningSettings(db);
  const today = chinaDate(now);
  return [
    ...recordWarnings(db, now, s),
    rejectionWarning(db, now, s),
    ...caseWarnings(db, today, s),
    keySheetWarning(db),
    backupWarning(db, now, s),
    listWarning(db, today, s),
  ].filter((w): w is WarningView => w !== null);
}
