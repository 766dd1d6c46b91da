/**
 * 信用档案: a subject's credit file as a printed document — who the subject is,
 * every record the department holds about it per category (decision, date,
 * content in short, state, publication end, earliest repair), optionally each
 * record's versions, and a closing count per category and state. Personal ID
 * numbers are masked unless the printing person may unmask and gives a reason.
 */
import type { PublicationClock } from '../catalog/publication';
import { displayValue, fieldLabel } from '../catalog/display';
import { getCompiledCategory, hasCategory, listCategories } from '../catalog/registry';
import type { RecordValues } from '../catalog/types';
import { creditFileCasesBlocks } from '../cases/letters';
import { getDepartment } from '../department/service';
import { CoreError } from '../errors';
import { maskIdNumber } from '../identifiers/idcard';
import type { Block, PrintDocument, TableRow } from '../print/model';
import { chinaDateTime } from '../print/time';
import { stateLabel } from '../records/service';
import type { RecordState } from '../records/states';
import type { SqliteDatabase } from '../store/database';
import { userNames } from '../users/service';
import { statement, type Row } from '../store/sql';
import type { records as recordTable, recordVersions, subjects } from '../../../drizzle/schema';

type SubjectRow = Pick<typeof subjects.$inferSelect, 'id' | 'kind' | 'name' | 'code' | 'codeType'>;

const SUBJECT = 'SELECT id, kind, name, code, code_type AS codeType FROM subjects';
const subjectById = statement<SubjectRow, [id: number]>('creditFile.subjectById', `${SUBJECT} WHERE id = ?`);
const subjectByCode = statement<SubjectRow, [code: string]>('creditFile.subjectByCode', `${SUBJECT} WHERE code_type IN ('uscc', 'id') AND code = ?`);
// A subject may hold many records (the credit file of many records is a measured print).
const recordsOf = statement<
  Pick<typeof recordTable.$inferSelect, 'id' | 'category' | 'decisionNo' | 'decisionDate' | 'version' | 'publication' | 'openMarks'> &
    Pick<Row<typeof recordVersions>, 'fields'> & { state: RecordState },
  [subjectId: number]
>(
  'creditFile.records',
  `SELECT r.id, r.category, r.decision_no AS decisionNo, r.decision_date AS decisionDate, r.state, r.version, r.publication,
          r.open_marks AS openMarks, v.fields
   FROM records r JOIN record_versions v ON v.record_id = r.id AND v.version = r.version
   WHERE r.subject_id = ? ORDER BY r.decision_date DESC, r.id DESC`,
);
const versionsOf = statement<Pick<Row<typeof recordVersions>, 'version' | 'action' | 'reason' | 'at' | 'by' | 'diff'>, [recordId: number]>(
  'creditFile.versions',
  'SELECT version, action, reason, at, by, diff FROM record_versions WHERE record_id = ? ORDER BY version',
);
const otherNamesOf = statement<{ n: string }, [subjectId: number, name: string]>(
  'creditFile.otherNames',
  'SELECT DISTINCT subject_name AS n FROM records WHERE subject_id = ? AND subject_name <> ? ORDER BY n',
);

const ACTIONS: Record<string, string> = { create: '录入', import: '导入', edit: '更正', state: '状态变更', history: '按平台已公示的历史记录导入' };
const CHINESE_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** The subject a credit file is printed for: by id, or by its 统一社会信用代码 / ID number. */
export function findSubjectForFile(db: SqliteDatabase, by: { subjectId?: number; code?: string }): SubjectRow {
  if (by.subjectId !== undefined) {
    const row = subjectById.get(db, by.subjectId);
    if (!row) throw new CoreError('NOT_FOUND', `找不到编号为 ${by.subjectId} 的信用主体。`);
    return row;
  }
  const code = (by.code ?? '').trim().toUpperCase();
  const row = subjectByCode.get(db, code);
  if (!row) throw new CoreError('NOT_FOUND', `本部门没有统一社会信用代码或证件号码为 ${code} 的信用主体。`);
  return row;
}

function truncate(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
}

export interface CreditFileOptions {
  withHistory: boolean;
  /** Personal ID numbers in clear: only with the unmask permission (checked by the caller) and a reason. */
  unmaskReason?: string;
  /** Today, `YYYY-MM-DD`: the date the file speaks for. */
  today: string;
}

export function buildCreditFile(db: SqliteDatabase, subject: SubjectRow, opts: CreditFileOptions): PrintDocument {
  const masked = !opts.unmaskReason;
  const department = getDepartment(db);
  const people = userNames(db);
  const who = (login: string) => people.get(login) ?? (login === 'system' ? '系统' : login);
  const records = recordsOf.all(db, subject.id);

  const code =
    subject.codeType === 'name' ? '（无）' : subject.codeType === 'id' && masked ? maskIdNumber(subject.code) : subject.code;
  const otherNames = otherNamesOf.values<string>(db, subject.id, subject.name);
  // The legal representative as the newest record names them.
  let representative = '';
  for (const r of records) {
    if (!hasCategory(r.category)) continue;
    const field = getCompiledCategory(r.category).def.legalRepresentative?.name;
    const value = field ? (JSON.parse(r.fields) as RecordValues)[field] : null;
    if (typeof value === 'string' && value.trim()) {
      representative = value.trim();
      break;
    }
  }

  const blocks: Block[] = [
    {
      kind: 'paragraph',
      size: 9,
      muted: true,
      text: `本档案列出${department.name}掌握的该信用主体的全部信用信息（截至 ${opts.today}，共 ${records.length} 条）。`,
    },
  ];
  if (!masked) {
    blocks.push({ kind: 'paragraph', size: 9, bold: true, text: `本件含完整的个人证件号码（打印理由：${opts.unmaskReason}），请按个人信息保护的要求妥善保管。` });
  }
  blocks.push(
    { kind: 'heading', text: '一、信用主体' },
    {
      kind: 'fields',
      rows: [
        { label: '名称', value: subject.name },
        { label: '主体类别', value: subject.kind },
        { label: subject.codeType === 'id' ? '证件号码' : '统一社会信用代码', value: code },
        { label: '法定代表人', value: representative || '—' },
        { label: '其他名称', value: otherNames.length ? otherNames.join('、') : '—', wide: true },
      ],
    },
    { kind: 'heading', text: '二、信用记录' },
  );

  const counts = new Map<string, Map<string, number>>();
  let section = 0;
  for (const def of listCategories()) {
    const mine = records.filter((r) => r.category === def.key);
    if (mine.length === 0) continue;
    const compiled = getCompiledCategory(def.key);
    const rows: TableRow[] = [];
    const byState = new Map<string, number>();
    counts.set(def.name, byState);
    for (const r of mine) {
      const fields = JSON.parse(r.fields) as RecordValues;
      const clock = r.publication ? (JSON.parse(r.publication) as PublicationClock) : null;
      // 警告：警告 says it once: a part the one before it already says is left out.
      const summary = (def.summaryFields ?? [])
        .map((f) => displayValue(compiled, f, fields[f], { masked }))
        .filter((part, i, all) => part && !all.slice(0, i).some((before) => before === part))
        .join('：');
      // 已接收 above （异议中）: two lines, never broken inside the bracket.
      const state = stateLabel(r.state) + (r.openMarks > 0 ? '\n（异议中）' : '');
      byState.set(stateLabel(r.state), (byState.get(stateLabel(r.state)) ?? 0) + 1);
      rows.push([r.decisionNo, r.decisionDate ?? '', truncate(summary, 90), state, clock?.publicationEnds ?? '—', clock?.earliestRepair ?? '—']);
      if (opts.withHistory) {
        for (const v of versionsOf.all(db, r.id)) {
          const changes =
            v.version === 1
              ? ''
              : (JSON.parse(v.diff) as { field: string; before: RecordValues[string]; after: RecordValues[string] }[])
                  .map((c) => {
                    // A change of state ($state) in words, like the rest.
                    if (c.field === '$state') return `状态：${stateLabel(String(c.before) as RecordState)} → ${stateLabel(String(c.after) as RecordState)}`;
                    if (c.field.startsWith('$')) return '';
                    const before = displayValue(compiled, c.field, c.before, { masked }) || '（空）';
                    const after = displayValue(compiled, c.field, c.after, { masked }) || '（空）';
                    return `${fieldLabel(compiled, c.field)}：${truncate(before, 40)} → ${truncate(after, 40)}`;
                  })
                  .filter(Boolean)
                  .join('；') || '内容未变';
          const reason = v.reason ? ` · 原因：${truncate(v.reason, 80)}` : '';
          const parts = [`第 ${v.version} 版`, chinaDateTime(v.at), who(v.by), `${ACTIONS[v.action] ?? v.action}${reason}`, changes].filter(Boolean);
          rows.push({ span: parts.join(' · '), muted: true });
        }
      }
    }
    blocks.push(
      { kind: 'paragraph', bold: true, size: 10.5, keepWithNext: true, text: `（${CHINESE_NUMBERS[section++] ?? section}）${def.name}（${mine.length.toLocaleString('zh-CN')} 条）` },
      {
        kind: 'table',
        // 文书号 wide enough for 栾市监罚〔2026〕1234号 on one line; 状态 for 已接收 above （异议中）.
        columns: [
          { title: '决定文书号', width: 4.3 },
          { title: '决定日期', width: 2.05, align: 'center' },
          { title: '内容摘要', width: 3.95 },
          { title: '状态', width: 2.1, align: 'center' },
          { title: '公示截止', width: 2.05, align: 'center' },
          { title: '最早可修复', width: 2.15, align: 'center' },
        ],
        rows,
      },
    );
  }
  if (records.length === 0) blocks.push({ kind: 'paragraph', text: '本部门没有该主体的信用记录。', muted: true });

  // The subject's objection and repair cases (cases/letters.ts).
  blocks.push({ kind: 'heading', text: '三、异议与信用修复' }, ...creditFileCasesBlocks(db, subject.id));

  const summaryRows: string[][] = [];
  for (const [category, byState] of counts) {
    for (const [state, n] of byState) summaryRows.push([category, state, String(n)]);
  }
  summaryRows.push(['合计', '', String(records.length)]);
  blocks.push(
    { kind: 'heading', text: '四、统计' },
    {
      kind: 'table',
      columns: [
        { title: '类别', width: 3 },
        { title: '状态', width: 2, align: 'center' },
        { title: '条数', width: 1.2, align: 'right' },
      ],
      rows: summaryRows,
    },
    {
      kind: 'paragraph',
      size: 9,
      muted: true,
      text: '状态说明：待报送、已报送为尚未经平台接收；已接收、公示中为正在公示；公示期满、已撤回、已修复（信用修复后终止公示）不再公示。“异议中”表示该记录有尚未办结的异议。打印编号可在信用工作台的“打印记录”中查验。',
    },
  );

  return {
    kind: 'credit-file',
    title: '信用档案',
    subtitle: subject.name,
    target: `subject:${subject.id}`,
    targetLabel: subject.name,
    masked,
    unmaskReason: opts.unmaskReason,
    options: { withHistory: opts.withHistory },
    blocks,
  };
}
