/**
 * The letters a case sends (domain.md §4–§5), as documents for the printing
 * engine: 受理通知书 (the case was taken up, and by when it will be decided),
 * 不予受理通知书 (with the reason), 异议处理决定书 and 信用修复决定书 (the outcome, its
 * reasons, what changed on the record, and how to appeal). Each names the case
 * number, the parties, the records, and is dated; the engine adds the print
 * number and logs the print. Also the cases section of a subject's credit file.
 */
import { getCompiledCategory, hasCategory } from '../catalog/registry';
import { getDepartment } from '../department/service';
import { CoreError } from '../errors';
import type { Block, PrintDocument } from '../print/model';
import type { SqliteDatabase } from '../store/database';
import { caseDetail } from './queries';
import { CASE_KIND_LABELS, CASE_STATE_LABELS, CHANNEL_LABELS, OUTCOME_LABELS } from './service';
import type { CaseDetail } from '../../contract/cases';

export const LETTERS = ['acceptance', 'refusal', 'decision'] as const;
export type LetterKind = (typeof LETTERS)[number];

/**
 * How to appeal: 行政复议法 (2023) 第二十条 (60 days from knowing of the act) and
 * 行政诉讼法 第四十六条 (6 months). Printed on every letter that decides something.
 */
const APPEAL =
  '如不服本决定，可以自收到本文书之日起六十日内依法申请行政复议，或者自收到本文书之日起六个月内依法向人民法院提起行政诉讼。';

/** 2026-03-11 → 2026年3月11日, as official letters write dates. */
export function chineseDate(ymd: string): string {
  const [y, m, d] = ymd.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** Which letter a case in its present state sends, when none is named. */
export function defaultLetter(c: Pick<CaseDetail, 'state'>): LetterKind {
  if (c.state === 'refused') return 'refusal';
  if (c.state === 'decided' || c.state === 'answered') return 'decision';
  return 'acceptance';
}

const TITLES: Record<LetterKind, (c: CaseDetail) => string> = {
  acceptance: () => '受理通知书',
  refusal: () => '不予受理通知书',
  decision: (c) => (c.kind === 'objection' ? '异议处理决定书' : '信用修复决定书'),
};

function categoryName(key: string): string {
  return hasCategory(key) ? getCompiledCategory(key).def.name : key;
}

export interface LetterOptions {
  letter?: LetterKind;
  /** Print personal ID numbers in clear (the caller checked the permission). */
  unmaskReason?: string;
}

/** Builds one of the case's letters. BAD_INPUT when the case has not reached it. */
export function buildLetter(db: SqliteDatabase, caseId: number, today: string, opts: LetterOptions = {}): PrintDocument {
  const c = caseDetail(db, caseId, today);
  const letter = opts.letter ?? defaultLetter(c);
  const masked = !opts.unmaskReason;
  const department = getDepartment(db);
  const kind = CASE_KIND_LABELS[c.kind];
  if (letter === 'acceptance' && (c.state === 'registered' || c.state === 'refused' || !c.acceptedOn)) {
    throw new CoreError('BAD_INPUT', `${kind}案件 ${c.caseNo} ${c.state === 'refused' ? '未予受理' : '尚未受理'}，没有受理通知书。`);
  }
  if (letter === 'refusal' && c.state !== 'refused') throw new CoreError('BAD_INPUT', `${kind}案件 ${c.caseNo} 为“${CASE_STATE_LABELS[c.state]}”，没有不予受理通知书。`);
  if (letter === 'decision' && !c.outcome) throw new CoreError('BAD_INPUT', `${kind}案件 ${c.caseNo} 尚未作出决定（“${CASE_STATE_LABELS[c.state]}”），没有决定书。`);

  // In clear only when asked for (and permitted): the applicant's and the records' codes as stored.
  const clear = masked
    ? null
    : (db.prepare('SELECT applicant_code AS code FROM cases WHERE id = ?').get(caseId) as { code: string | null }).code;
  const clearRecordCodes = new Map<number, string | null>(
    masked ? [] : (db.prepare('SELECT r.id, r.subject_code AS code FROM case_records cr JOIN records r ON r.id = cr.record_id WHERE cr.case_id = ?').all(caseId) as { id: number; code: string | null }[]).map((r) => [r.id, r.code]),
  );

  const addressee = c.applicantName;
  const received = chineseDate(c.received);
  const via = CHANNEL_LABELS[c.channel] + (c.platformRef ? `（转办编号 ${c.platformRef}）` : '');
  const blocks: Block[] = [{ kind: 'paragraph', bold: true, text: `${addressee}：` }];

  const recordRows = c.records.map((r) => [
    r.decisionNo,
    categoryName(r.category),
    r.subjectName,
    masked ? (r.subjectCode ?? '—') : (clearRecordCodes.get(r.recordId) ?? r.subjectCode ?? '—'),
    r.decisionDate ?? '—',
  ]);
  const recordsTable: Block = {
    kind: 'table',
    columns: [
      { title: '决定文书号', width: 3.2 },
      { title: '类别', width: 2 },
      { title: '信用主体', width: 3.4 },
      { title: '统一社会信用代码/证件号码', width: 3.4 },
      { title: '决定日期', width: 1.8, align: 'center' },
    ],
    rows: recordRows,
  };
  const subjectLine = c.records.map((r) => `“${r.decisionNo}”`).join('、');
  let date = today;

  if (letter === 'acceptance') {
    date = c.acceptedOn!;
    const limit =
      c.kind === 'objection'
        ? `本机关将于 ${chineseDate(c.due ?? today)} 前作出处理决定，并书面告知你（单位）。`
        : c.due
          ? `本机关将于 ${chineseDate(c.due)} 前作出是否予以修复的决定，并书面告知你（单位）。`
          : '你（单位）提交的材料尚不齐全，请按下列清单补正；自材料齐全之日起，本机关在规定期限内作出决定。';
    blocks.push({
      kind: 'paragraph',
      indent: true,
      text: `你（单位）于 ${received} 通过${via}提出的${c.kind === 'objection' ? '异议申请' : '信用修复申请'}（涉及${subjectLine}），本机关已于 ${chineseDate(c.acceptedOn!)} 受理。${limit}`,
    });
    if (c.kind === 'objection') {
      blocks.push({ kind: 'paragraph', indent: true, text: '异议处理期间，所涉信用信息标注为“异议中”。' });
    }
  } else if (letter === 'refusal') {
    date = c.steps.filter((s) => s.action === 'refuse').pop()?.at.slice(0, 10) ?? today;
    blocks.push(
      {
        kind: 'paragraph',
        indent: true,
        text: `你（单位）于 ${received} 通过${via}提出的${c.kind === 'objection' ? '异议申请' : '信用修复申请'}（涉及${subjectLine}），经审查，本机关决定不予受理。`,
      },
      { kind: 'paragraph', indent: true, text: `理由：${c.refusalReason ?? ''}` },
      { kind: 'paragraph', indent: true, text: APPEAL },
    );
  } else {
    date = c.decidedOn!;
    const outcome = OUTCOME_LABELS[c.outcome!];
    const what =
      c.outcome === 'correct'
        ? '本机关决定对所涉信用信息予以更正，更正内容如下表，并将更正后的信息报送信用信息共享平台。'
        : c.outcome === 'revoke'
          ? '本机关决定撤销所涉信用信息，停止公示，并报送信用信息共享平台。'
          : c.outcome === 'maintain'
            ? '经核查，所涉信用信息准确，本机关决定予以维持，并撤销“异议中”标注。'
            : c.outcome === 'repair'
              ? `本机关决定予以信用修复：所涉信用信息自 ${chineseDate(c.decidedOn!)} 起终止公示，并报送信用信息共享平台，由平台终止公示。`
              : '本机关决定不予信用修复。';
    blocks.push(
      {
        kind: 'paragraph',
        indent: true,
        text: `你（单位）于 ${received} 通过${via}提出的${c.kind === 'objection' ? '异议申请' : '信用修复申请'}（涉及${subjectLine}），本机关于 ${chineseDate(c.acceptedOn ?? c.received)} 受理。经核查，现决定如下：`,
      },
      { kind: 'paragraph', indent: true, bold: true, text: `处理结果：${outcome}。${what}` },
      { kind: 'paragraph', indent: true, text: `理由：${c.outcomeReason ?? ''}` },
    );
    const changes = c.proposal?.outcome === 'correct' ? c.proposal.changes : [];
    if (changes.length > 0) {
      blocks.push({
        kind: 'table',
        columns: [
          { title: '决定文书号', width: 3 },
          { title: '项目', width: 2.6 },
          { title: '原内容', width: 3.6 },
          { title: '更正后', width: 3.6 },
        ],
        rows: changes.map((ch) => [c.records.find((r) => r.recordId === ch.recordId)?.decisionNo ?? String(ch.recordId), ch.label, ch.before ?? '（空）', ch.after ?? '（空）']),
      });
    }
    blocks.push({ kind: 'paragraph', indent: true, text: APPEAL });
  }

  blocks.push(
    { kind: 'heading', text: '案件信息' },
    {
      kind: 'fields',
      rows: [
        { label: '案件号', value: c.caseNo },
        { label: '案件类别', value: kind + (c.repairClass ? `（${c.repairClass}）` : '') },
        { label: '申请人', value: c.applicantName },
        // caseDetail masks a person's ID number; the stored code only on an unmasked print.
        { label: '统一社会信用代码/证件号码', value: (masked ? c.applicantCode : clear) ?? '—' },
        { label: '收到日期', value: c.received },
        { label: '收到渠道', value: via },
        ...(c.acceptedOn ? [{ label: '受理日期', value: c.acceptedOn }] : []),
        ...(c.due && letter !== 'refusal' ? [{ label: '办理期限', value: `${c.due}（${c.clockBasis}）`, wide: true }] : []),
      ],
    },
    { kind: 'heading', text: '所涉信用信息' },
    recordsTable,
  );
  if (letter === 'acceptance' && c.materials) {
    blocks.push(
      { kind: 'heading', text: '申请材料' },
      {
        kind: 'table',
        columns: [
          { title: '材料', width: 5 },
          { title: '是否必需', width: 1.6, align: 'center' },
          { title: '收到情况', width: 1.8, align: 'center' },
        ],
        rows: c.materials.map((m) => [m.item, m.required ? '必需' : '可选', m.received ? '已收到' : '待补正']),
      },
    );
  }
  blocks.push(
    { kind: 'spacer', height: 24 },
    { kind: 'paragraph', align: 'right', text: department.name },
    { kind: 'paragraph', align: 'right', text: chineseDate(date) },
    { kind: 'paragraph', align: 'right', muted: true, size: 9, text: '（印章）' },
    { kind: 'spacer', height: 12 },
    { kind: 'signatures', lines: ['经办人（签字）', '负责人（签字）'] },
  );
  if (!masked) blocks.push({ kind: 'paragraph', size: 9, muted: true, text: `本件含完整的证件号码（打印理由：${opts.unmaskReason}），请妥善保管。` });

  return {
    kind: 'letter',
    title: TITLES[letter](c),
    subtitle: c.caseNo,
    target: `case:${c.caseId}`,
    targetLabel: c.caseNo,
    masked,
    unmaskReason: opts.unmaskReason,
    options: { letter },
    blocks,
  };
}

/** The cases about a subject's records, for its credit file: one row per case. */
export function creditFileCasesBlocks(db: SqliteDatabase, subjectId: number): Block[] {
  const rows = db
    .prepare(
      `SELECT DISTINCT c.id, c.case_no AS caseNo, c.kind, c.state, c.received, c.outcome, c.decided_on AS decidedOn,
         (SELECT group_concat(r2.decision_no, '、') FROM case_records cr2 JOIN records r2 ON r2.id = cr2.record_id WHERE cr2.case_id = c.id) AS decisions
       FROM cases c JOIN case_records cr ON cr.case_id = c.id JOIN records r ON r.id = cr.record_id
       WHERE r.subject_id = ? ORDER BY c.received DESC, c.id DESC`,
    )
    .all(subjectId) as {
    id: number;
    caseNo: string;
    kind: keyof typeof CASE_KIND_LABELS;
    state: keyof typeof CASE_STATE_LABELS;
    received: string;
    outcome: keyof typeof OUTCOME_LABELS | null;
    decidedOn: string | null;
    decisions: string;
  }[];
  if (rows.length === 0) return [{ kind: 'paragraph', muted: true, text: '没有异议或信用修复案件。' }];
  return [
    {
      kind: 'table',
      columns: [
        { title: '案件号', width: 2.4 },
        { title: '类别', width: 1.6, align: 'center' },
        { title: '所涉决定文书号', width: 4.4 },
        { title: '收到日期', width: 2, align: 'center' },
        { title: '状态', width: 1.6, align: 'center' },
        { title: '结果', width: 2.2, align: 'center' },
      ],
      rows: rows.map((r) => [
        r.caseNo,
        CASE_KIND_LABELS[r.kind],
        r.decisions,
        r.received,
        CASE_STATE_LABELS[r.state],
        r.outcome ? `${OUTCOME_LABELS[r.outcome]}${r.decidedOn ? `（${r.decidedOn}）` : ''}` : '—',
      ]),
    },
  ];
}

