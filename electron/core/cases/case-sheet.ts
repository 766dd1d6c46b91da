/**
 * The 案件审批表: what the office keeps in the case file and no letter carries — how
 * the request arrived (channel, 转办编号), the clock and its basis, the rule and
 * legal-bases versions, who handled each step and who approved, every letter issued
 * with its 发文字号 and how it was served, and signature lines. Printed by the
 * archivist; an ordinary internal document (running header, the printer in the footer).
 */
import { CHANNEL_LABELS } from './labels';
import { ACTION_LABELS, CASE_KIND_LABELS, CASE_STATE_LABELS, OUTCOME_LABELS } from './service';
import { caseDetail } from './queries';
import type { Block, PrintDocument } from '../print/model';
import type { SqliteDatabase } from '../store/database';
import { chinaDateTime } from '../print/time';
import { getCompiledCategory, hasCategory } from '../catalog/registry';

export function buildCaseSheet(db: SqliteDatabase, caseId: number, today: string): PrintDocument {
  const c = caseDetail(db, caseId, today);
  const person = (login: string | null) => (login ? (c.steps.find((s) => s.by === login)?.byName ?? login) : '—');
  const blocks: Block[] = [
    { kind: 'heading', text: '一、案件信息' },
    {
      kind: 'fields',
      rows: [
        { label: '案件号', value: c.caseNo },
        { label: '案件类别', value: CASE_KIND_LABELS[c.kind] + (c.repairClass ? `（${c.repairClass}）` : '') },
        { label: '状态', value: CASE_STATE_LABELS[c.state] },
        { label: '申请人', value: c.applicantName },
        { label: '代码', value: c.applicantCode ?? '—' },
        { label: '联系方式', value: c.applicantContact ?? '—' },
        { label: '收到日期', value: c.received },
        { label: '收到渠道', value: CHANNEL_LABELS[c.channel] + (c.platformRef ? `（转办编号 ${c.platformRef}）` : '') },
        { label: '受理日期', value: c.acceptedOn ?? '—' },
        { label: '办理期限', value: c.due ? `${c.due}${c.dueCalendar?.estimated ? '（估算）' : ''}` : c.paused ? '补正中，期限暂停' : '—' },
        { label: '期限依据', value: `${c.clockBasis}${c.clock.extensions ? `；已延期 ${c.extensionDays} 个工作日` : ''}`, wide: true },
        { label: '规则版本', value: c.ruleVersion },
        { label: '法律依据版本', value: c.basisVersion ?? '—' },
        { label: '事由', value: c.grounds, wide: true },
        ...(c.outcome ? [{ label: '决定', value: `${OUTCOME_LABELS[c.outcome]}：${c.outcomeReason ?? ''}`, wide: true }] : []),
        ...(c.refusalReason ? [{ label: '不予受理理由', value: c.refusalReason, wide: true }] : []),
        { label: '批准人', value: c.decidedBy ? `${person(c.decidedBy)}（${c.decidedOn}）` : '—' },
        { label: '答复', value: c.answeredOn ? `${c.answerMethod ?? ''}（${c.answeredOn}）` : '—' },
      ],
    },
    { kind: 'heading', text: '二、所涉信用信息' },
    {
      kind: 'table',
      columns: [
        { title: '记录', width: 1 },
        { title: '决定文书号', width: 3 },
        { title: '类别', width: 1.8 },
        { title: '信用主体', width: 3.2 },
        { title: '版本', width: 1.2, align: 'center' },
      ],
      rows: c.records.map((r) => [String(r.recordId), r.decisionNo, hasCategory(r.category) ? getCompiledCategory(r.category).def.name : r.category, r.subjectName, `${r.versionAtRegistration} → ${r.version}`]),
    },
  ];
  if (c.materials) {
    blocks.push(
      { kind: 'heading', text: '三、申请材料' },
      {
        kind: 'table',
        columns: [
          { title: '材料', width: 4 },
          { title: '必需', width: 1, align: 'center' },
          { title: '收到日期', width: 2, align: 'center' },
        ],
        rows: c.materials.map((m) => [m.item, m.required ? '是' : '否', m.received ? (m.receivedOn ?? '已收到') : '未收到']),
      },
    );
  }
  blocks.push(
    { kind: 'heading', text: `${c.materials ? '四' : '三'}、出具的文书及送达` },
    {
      kind: 'table',
      columns: [
        { title: '文书', width: 2.4 },
        { title: '发文字号', width: 3.2 },
        { title: '成文日期', width: 1.8, align: 'center' },
        { title: '送达方式', width: 1.8 },
        { title: '送达日期', width: 1.8, align: 'center' },
        { title: '受送达人', width: 2.2 },
      ],
      rows: c.letters.map((l) => [l.title, l.docNo, l.issuedOn, l.service?.method ?? '未送达', l.service?.on ?? '—', l.service?.to ?? '—']),
      empty: '尚未出具文书',
    },
    { kind: 'heading', text: `${c.materials ? '五' : '四'}、办理经过` },
    {
      kind: 'table',
      columns: [
        { title: '时间', width: 2.6 },
        { title: '人员', width: 1.6 },
        { title: '步骤', width: 1.8 },
        { title: '说明', width: 5 },
      ],
      rows: c.steps.map((s) => [chinaDateTime(s.at), s.byName, ACTION_LABELS[s.action] ?? s.action, s.reason ?? '']),
    },
    { kind: 'signatures', lines: ['经办人（签字）', '审核人（签字）', '负责人（签字）'] },
  );
  return {
    kind: 'case-sheet',
    title: '案件审批表',
    subtitle: `${c.caseNo} ${c.applicantName}`,
    target: `case:${c.caseId}`,
    targetLabel: c.caseNo,
    masked: true,
    blocks,
  };
}
