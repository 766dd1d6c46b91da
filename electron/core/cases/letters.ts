/**
 * The letters a case sends (domain.md §5b), as 公文 for the printing engine
 * (GB/T 9704 where it applies to a letter on plain A4): the issuing body, the
 * 发文字号 the letter was issued with (letters/register.ts; a reprint keeps it), the
 * title, the addressee, a body that says what was received, what was checked, what
 * was found and the rule applied (the case's legal-bases version), the remedies
 * with the named 复议机关 and court where the letter decides something, the issuing
 * body and 成文日期 under a seal area, and the contact person and telephone. Nothing
 * internal (channel, handlers, clocks, the printer's login) goes on a letter: that
 * is the 案件审批表 (case-sheet.ts). Also the cases section of a credit file.
 */
import { LETTER_TITLES, type LetterKind as IssuedKind } from '../../contract/letters';
import type { CaseDetail } from '../../contract/cases';
import type { DepartmentProfile } from '../../contract/types';
import { getCompiledCategory, hasCategory } from '../catalog/registry';
import { getDepartment } from '../department/service';
import { CoreError } from '../errors';
import { checkIdCard } from '../identifiers/idcard';
import { checkUscc } from '../identifiers/uscc';
import { basesFor, citation, getLegalBases, type BasisSituation, type LegalBasisTable } from '../letters/bases';
import { caseLetters, type IssuedLetter } from '../letters/register';
import type { Block, PrintDocument } from '../print/model';
import type { SqliteDatabase } from '../store/database';
import { orm } from '../store/orm';
import { desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { caseRecords, cases, records, subjects as subjectTable } from '../../../drizzle/schema';
import { caseDetail } from './queries';
import { CASE_KIND_LABELS, CASE_STATE_LABELS, OUTCOME_LABELS } from './service';

export const LETTERS = ['acceptance', 'refusal', 'materials', 'decision'] as const;
export type LetterKind = (typeof LETTERS)[number];

/** Body text size of a letter (the engine's default suits tables and forms). */
export const BODY = 12;

/** 2026-03-11 → 2026年3月11日, as official letters write dates. */
export function chineseDate(ymd: string): string {
  const [y, m, d] = ymd.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** Which letter a case in its present state sends, when none is named. */
export function defaultLetter(c: Pick<CaseDetail, 'state' | 'letters'>): LetterKind {
  if (c.state === 'refused') return 'refusal';
  if (c.state === 'decided' || c.state === 'answered') return 'decision';
  if (c.state === 'registered' && c.letters.some((l) => l.kind === 'materials')) return 'materials';
  return 'acceptance';
}

function categoryName(key: string): string {
  return hasCategory(key) ? getCompiledCategory(key).def.name : key;
}

const ORGANISATION = /(公司|局|厂|店|社|中心|协会|学会|商会|研究院|医院|学校|院|所|部|站|队|委员会|办公室|政府|集团|银行|合作社|事务所|经营部|门市|超市|商行)$/;

/**
 * 你 or 你单位: a natural person is addressed as 你. Decided by the applicant's code
 * (GB 11643 or GB 32100), else by the record's subject when the applicant is it,
 * else by the name.
 */
export function addressWord(applicantName: string, applicantCode: string | null, subjects: { name: string; type: string | null }[]): '你' | '你单位' {
  if (applicantCode) {
    if (checkIdCard(applicantCode).ok) return '你';
    if (checkUscc(applicantCode).ok) return '你单位';
  }
  const same = subjects.find((s) => s.name === applicantName && s.type);
  if (same) return same.type === '自然人' ? '你' : '你单位';
  return ORGANISATION.test(applicantName) ? '你单位' : '你';
}

/** 依据：《…》第…条“…”；《…》。 */
export function basisParagraphs(table: LegalBasisTable, situation: BasisSituation, lead = '依据'): Block[] {
  const bases = basesFor(table, situation);
  if (bases.length === 0) return [];
  const quoted = bases.map((b) => (b.text ? `${citation(b)}“${b.text}”` : citation(b)));
  return [{ kind: 'paragraph', indent: true, size: BODY, text: `${lead}：${quoted.join('；')}。` }];
}

/** How to seek a remedy against the decision a letter carries (`doc`: 决定书, 通知书), naming the 复议机关 and the court when set. */
export function remedyParagraph(dept: DepartmentProfile, table: LegalBasisTable, doc: string): Block[] {
  const review = dept.reconsiderationBody ? `向${dept.reconsiderationBody}申请行政复议` : '依法申请行政复议';
  const court = dept.court ? `向${dept.court}提起行政诉讼` : '依法向人民法院提起行政诉讼';
  const cited = basesFor(table, 'remedy').map(citation);
  return [
    {
      kind: 'paragraph',
      indent: true,
      size: BODY,
      text: `如不服本决定，可以自收到本${doc}之日起六十日内${review}，或者自收到本${doc}之日起六个月内${court}${cited.length ? `（${cited.join('、')}）` : ''}。`,
    },
  ];
}

/** The close of every letter: issuing body and 成文日期 under the seal area, then contact person and telephone. */
export function closing(dept: DepartmentProfile, issuedOn: string): Block[] {
  const contact = [dept.contactPerson && `联系人：${dept.contactPerson}`, dept.contactPhone && `联系电话：${dept.contactPhone}`].filter(Boolean).join('　');
  return [
    { kind: 'seal', issuer: dept.name, date: chineseDate(issuedOn) },
    ...(contact ? [{ kind: 'paragraph' as const, size: 10.5, text: `（${contact}）` }] : []),
  ];
}

export interface LetterOptions {
  letter?: LetterKind;
  /** One issued letter of the case by id. */
  letterId?: number;
  /** Print personal ID numbers in clear (the caller checked the permission). */
  unmaskReason?: string;
}

const ISSUED_KINDS: Record<LetterKind, (c: CaseDetail) => IssuedKind> = {
  acceptance: () => 'acceptance',
  refusal: () => 'refusal',
  materials: () => 'materials',
  decision: (c) => (c.kind === 'objection' ? 'objection-decision' : 'repair-decision'),
};

/** Builds one of the case's letters from the letter as issued. BAD_INPUT when the case has not reached it. */
export function buildLetter(db: SqliteDatabase, caseId: number, today: string, opts: LetterOptions = {}): PrintDocument {
  const c = caseDetail(db, caseId, today);
  const issuedAll = caseLetters(db, caseId);
  let issued: IssuedLetter | null = null;
  let letter: LetterKind;
  if (opts.letterId !== undefined) {
    issued = issuedAll.find((l) => l.letterId === opts.letterId) ?? null;
    if (!issued || issued.kind === 'repair-notice') throw new CoreError('BAD_INPUT', `文书 ${opts.letterId} 不是案件 ${c.caseNo} 出具的文书。`);
    letter = (Object.keys(ISSUED_KINDS) as LetterKind[]).find((k) => ISSUED_KINDS[k](c) === issued!.kind)!;
  } else {
    letter = opts.letter ?? defaultLetter(c);
    const kind = ISSUED_KINDS[letter](c);
    issued = [...issuedAll].reverse().find((l) => l.kind === kind) ?? null;
  }
  const kindLabel = CASE_KIND_LABELS[c.kind];
  if (letter === 'acceptance' && (c.state === 'registered' || !c.acceptedOn)) {
    throw new CoreError('BAD_INPUT', `${kindLabel}案件 ${c.caseNo} ${c.state === 'refused' ? '未予受理' : '尚未受理'}，没有受理通知书。`);
  }
  if (letter === 'refusal' && c.state !== 'refused') throw new CoreError('BAD_INPUT', `${kindLabel}案件 ${c.caseNo} 为“${CASE_STATE_LABELS[c.state]}”，没有不予受理通知书。`);
  if (letter === 'decision' && !c.outcome) throw new CoreError('BAD_INPUT', `${kindLabel}案件 ${c.caseNo} 尚未作出决定（“${CASE_STATE_LABELS[c.state]}”），没有决定书。`);
  if (letter === 'materials' && !issued) throw new CoreError('BAD_INPUT', `${kindLabel}案件 ${c.caseNo} 没有出具过补正材料通知书（材料齐全，或尚未要求补正）。`);

  const masked = !opts.unmaskReason;
  const dept = getDepartment(db);
  const bases = getLegalBases(c.basisVersion);
  const clearRecordCodes = new Map<number, string | null>(
    masked
      ? []
      : orm(db)
          .select({ id: records.id, code: records.subjectCode })
          .from(caseRecords)
          .innerJoin(records, eq(records.id, caseRecords.recordId))
          .where(eq(caseRecords.caseId, caseId))
          .all()
          .map((r) => [r.id, r.code]),
  );
  const subjects = orm(db)
    .select({ name: records.subjectName, type: subjectTable.kind })
    .from(caseRecords)
    .innerJoin(records, eq(records.id, caseRecords.recordId))
    .leftJoin(subjectTable, eq(subjectTable.id, records.subjectId))
    .where(eq(caseRecords.caseId, caseId))
    .all();
  // The applicant's code unmasked (caseDetail shows it masked); the case exists, caseDetail found it.
  const storedCode = orm(db).select({ code: cases.applicantCode }).from(cases).where(eq(cases.id, caseId)).get()!.code;
  const you = addressWord(c.applicantName, storedCode, subjects);
  const request = c.kind === 'objection' ? '异议申请' : '信用修复申请';
  const recordsLine = c.records.map((r) => `${categoryName(r.category)}决定书文号“${r.decisionNo}”（信用主体：${r.subjectName}）`).join('；');
  const received = `${you}于${chineseDate(c.received)}提出的${request}（所涉信用信息：${recordsLine}）`;
  const p = (text: string, extra: Partial<Extract<Block, { kind: 'paragraph' }>> = {}): Block => ({ kind: 'paragraph', indent: true, size: BODY, text, ...extra });
  const recordsTable: Block = {
    kind: 'table',
    columns: [
      { title: '决定文书号', width: 3.2 },
      { title: '类别', width: 2 },
      { title: '信用主体', width: 3.4 },
      { title: '统一社会信用代码/证件号码', width: 3.4 },
      { title: '决定日期', width: 1.8, align: 'center' },
    ],
    rows: c.records.map((r) => [
      r.decisionNo,
      categoryName(r.category),
      r.subjectName,
      masked ? (r.subjectCode ?? '—') : (clearRecordCodes.get(r.recordId) ?? r.subjectCode ?? '—'),
      r.decisionDate ?? '—',
    ]),
  };

  const blocks: Block[] = [{ kind: 'paragraph', bold: true, size: BODY, text: `${c.applicantName}：` }];
  let issuedOn = issued?.issuedOn ?? today;
  let title = issued?.title ?? LETTER_TITLES[ISSUED_KINDS[letter](c)];

  if (letter === 'acceptance') {
    issuedOn = issued?.issuedOn ?? c.acceptedOn!;
    blocks.push(p(`${received}，本机关已于${chineseDate(c.acceptedOn!)}受理。`));
    if (c.kind === 'objection') {
      blocks.push(p(`本机关将对所涉信用信息进行核查，最迟于${chineseDate(c.due ?? today)}（含当日）作出处理决定，并书面告知${you}。异议处理期间，所涉信用信息标注为“异议中”。`));
    } else if (c.due) {
      blocks.push(p(`${you}提交的申请材料齐全。本机关将最迟于${chineseDate(c.due)}（含当日）作出是否予以信用修复的决定，并书面告知${you}。`));
    } else {
      blocks.push(p(`${you}提交的申请材料尚不齐全，本机关已另行书面告知需要补正的材料；自材料齐全之日起，本机关在规定期限内作出决定。`));
    }
    blocks.push(...basisParagraphs(bases, c.kind === 'objection' ? 'objection-acceptance' : 'repair-acceptance'), p(`办理期限：${c.clockBasis}。`));
    blocks.push(recordsTable);
  } else if (letter === 'materials') {
    const detail = issued!.detail as { missing?: string[]; supplyBy?: string; reason?: string | null };
    const missing = detail.missing ?? [];
    blocks.push(p(`${received}，经审查，申请材料尚不齐全。请${you}于${chineseDate(detail.supplyBy ?? today)}（含当日）前一次性补正下列材料：`));
    missing.forEach((item, i) => blocks.push(p(`${i + 1}．${item}`)));
    if (detail.reason) blocks.push(p(`补正说明：${detail.reason}`));
    blocks.push(
      p('补正期间，办理期限暂停计算；材料齐全之日起，本机关在规定期限内作出是否予以信用修复的决定。'),
      ...basisParagraphs(bases, 'materials'),
      recordsTable,
    );
  } else if (letter === 'refusal') {
    issuedOn = issued?.issuedOn ?? c.steps.filter((s) => s.action === 'refuse' || s.action === 'forward').pop()?.at.slice(0, 10) ?? today;
    const detail = (issued?.detail ?? {}) as { situation?: string; forwarded?: boolean };
    const situation = (detail.situation ?? `${c.kind}-refusal`) as BasisSituation;
    const forwarded = detail.forwarded === true;
    blocks.push(
      p(forwarded ? `${received}，经审查，所涉信用信息不是本机关认定的，本机关不予受理，已将${you}的申请转送认定机关办理。` : `${received}，经审查，本机关决定不予受理。`),
      p(`理由：${c.refusalReason ?? ''}`),
      ...basisParagraphs(bases, situation),
    );
    if (!forwarded) blocks.push(...remedyParagraph(dept, bases, '通知书'));
  } else {
    issuedOn = issued?.issuedOn ?? c.decidedOn!;
    const outcome = OUTCOME_LABELS[c.outcome!];
    blocks.push(p(`${received}，本机关于${chineseDate(c.acceptedOn ?? c.received)}受理。`));
    const checked = (c.materials ?? []).filter((m) => m.received).map((m) => m.item);
    blocks.push(p(`本机关核查了所涉信用信息的记录及其依据${checked.length ? `，审查了${you}提交的${checked.join('、')}` : ''}。经核查：${c.outcomeReason ?? ''}`));
    if (c.kind === 'repair') {
      const pub = c.records[0]?.publication;
      if (pub) blocks.push(p(`所涉行政处罚信息为${pub.class}失信信息，公示截止期为${chineseDate(pub.publicationEnds)}，最早可申请信用修复的日期为${chineseDate(pub.earliestRepair)}。`));
    }
    const what =
      c.outcome === 'correct'
        ? '本机关决定对所涉信用信息予以更正（更正内容见下表），并将更正后的信息报送信用信息共享平台。'
        : c.outcome === 'revoke'
          ? '本机关决定撤销所涉信用信息，停止公示，并报送信用信息共享平台。'
          : c.outcome === 'maintain'
            ? '所涉信用信息准确，本机关决定予以维持，并撤销“异议中”标注。'
            : c.outcome === 'repair'
              ? `本机关决定予以信用修复：所涉信用信息自${chineseDate(c.decidedOn!)}起终止公示，并报送信用信息共享平台，由平台终止公示。`
              : '本机关决定不予信用修复。';
    blocks.push(p(`处理结果：${outcome}。${what}`, { bold: true }));
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
    blocks.push(...basisParagraphs(bases, `${c.kind}-${c.outcome}` as BasisSituation), ...remedyParagraph(dept, bases, '决定书'));
    title = issued?.title ?? (c.kind === 'objection' ? LETTER_TITLES['objection-decision'] : LETTER_TITLES['repair-decision']);
  }
  blocks.push(...closing(dept, issuedOn));

  const docNo = issued?.docNo ?? null;
  return {
    kind: 'letter',
    title,
    target: `case:${c.caseId}`,
    targetLabel: docNo ? `${c.caseNo} ${docNo}` : c.caseNo,
    masked,
    unmaskReason: opts.unmaskReason,
    options: { letter, docNo, letterId: issued?.letterId ?? null },
    letterhead: { issuer: dept.name, docNo },
    blocks,
  };
}

// The case's own records again, inside the correlated sub-query naming its decisions (declared there by name).
const cr2 = alias(caseRecords, 'cr2');
const r2 = alias(records, 'r2');

/** The cases about a subject's records, for its credit file: one row per case. */
export function creditFileCasesBlocks(db: SqliteDatabase, subjectId: number): Block[] {
  const rows = orm(db)
    .selectDistinct({
      id: cases.id,
      caseNo: cases.caseNo,
      kind: cases.kind,
      state: cases.state,
      received: cases.received,
      outcome: cases.outcome,
      decidedOn: cases.decidedOn,
      decisions: sql<string>`(SELECT group_concat(${r2.decisionNo}, '、') FROM ${caseRecords} AS ${sql.identifier('cr2')} JOIN ${records} AS ${sql.identifier('r2')}
        ON ${r2.id} = ${cr2.recordId} WHERE ${cr2.caseId} = ${cases.id})`,
    })
    .from(cases)
    .innerJoin(caseRecords, eq(caseRecords.caseId, cases.id))
    .innerJoin(records, eq(records.id, caseRecords.recordId))
    .where(eq(records.subjectId, subjectId))
    .orderBy(desc(cases.received), desc(cases.id))
    .all()
    // The columns hold only the contract's states and outcomes.
    .map((r) => ({ ...r, state: r.state as keyof typeof CASE_STATE_LABELS, outcome: r.outcome as keyof typeof OUTCOME_LABELS | null }));
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
