/**
 * The 信用核查结果 for the case file: one check as it was made — the subject, the
 * matter, the list versions and the department records checked, every hit with its
 * basis and the measures for the matter, the feedback recorded, who checked and when,
 * and the check number. Printed through the printing engine (a print number, a line
 * in the print log); personal ID numbers masked.
 */
import type { CheckResultView } from '../../contract/checks';
import type { Block, PrintDocument } from '../print/model';
import { chinaDateTime } from '../print/time';

const EFFECTS: Record<string, string> = { sanction: '失信', incentive: '守信激励', notice: '提示' };

const FEEDBACK_STATUS: Record<string, string> = { queued: '待报送', prepared: '已编入批次', sent: '已报送', accepted: '平台已接收', rejected: '平台退回' };

export function buildCheckResult(check: CheckResultView): PrintDocument {
  const subjectName = check.subject.name ?? (check.subject.kind === 'name' ? check.query : '（名称不详）');
  const count = (effect: string) => check.hits.filter((h) => h.effect === effect).length;
  const parts = [count('sanction') && `失信 ${count('sanction')} 条`, count('incentive') && `守信激励 ${count('incentive')} 条`, count('notice') && `提示 ${count('notice')} 条`].filter(Boolean);
  const found = check.clean ? '未发现记录' : `发现 ${check.hits.length} 条记录（${parts.join('，')}）`;
  const how = check.subject.kind === 'name' ? '按名称（完全一致）' : check.subject.kind === 'id' ? '按证件号码' : '按统一社会信用代码';
  const blocks: Block[] = [
    {
      kind: 'fields',
      rows: [
        { label: '核查编号', value: check.checkNo },
        { label: '核查事项', value: check.matter },
        { label: '核查主体', value: subjectName, wide: true },
        { label: check.subject.kind === 'id' ? '证件号码' : '统一社会信用代码', value: check.subject.code ?? '（未提供）' },
        { label: '核查方式', value: how },
        { label: '核查人', value: `${check.byName}（${check.by}）` },
        { label: '核查时间', value: chinaDateTime(check.at) },
        { label: '核查结果', value: found, wide: true },
      ],
    },
    { kind: 'heading', text: '核查范围' },
    {
      kind: 'table',
      columns: [
        { title: '共享名单', width: 5 },
        { title: '版本', width: 1.2, align: 'center' },
        { title: '名单日期', width: 1.8, align: 'center' },
      ],
      rows: check.versions.map((v) => [v.name, `第 ${v.version} 版`, v.issuedOn]),
      empty: '核查时尚未导入平台共享名单',
    },
    { kind: 'paragraph', size: 9, muted: true, text: '同时核查了本部门的信用记录：严重失信主体名单、公示中的行政处罚、守信激励名单，以及异议处理中的记录。' },
    { kind: 'heading', text: '核查发现' },
    {
      kind: 'table',
      columns: [
        { title: '类别', width: 1 },
        { title: '来源', width: 3 },
        { title: '认定依据', width: 4 },
        { title: `适用措施（${check.matter}）`, width: 3 },
        { title: '其他措施', width: 2.2 },
      ],
      rows: check.hits.map((h) => [
        `${EFFECTS[h.effect] ?? h.effect}${h.disputed ? '（异议处理中）' : ''}`,
        h.source === 'list' ? `${h.list}（第 ${h.version} 版）` : `本部门${h.list} ${h.decisionNo ?? ''}`.trim(),
        [h.basis, h.listedOn && `列入 ${h.listedOn}${h.expires ? `，至 ${h.expires}` : ''}`, h.matchedBy === 'name' ? '按名称匹配' : null].filter(Boolean).join('；'),
        h.measures.join('、') || '无规定措施',
        h.otherMeasures.join('、') || '—',
      ]),
      empty: '在上列名单版本及本部门信用记录中未发现该主体。',
    },
  ];
  if (check.feedback.length > 0) {
    blocks.push(
      { kind: 'heading', text: '联合奖惩反馈' },
      {
        kind: 'table',
        columns: [
          { title: '采取的措施', width: 3 },
          { title: '说明', width: 4 },
          { title: '记录人、时间', width: 3 },
          { title: '报送情况', width: 2 },
        ],
        rows: check.feedback.map((f) => [f.measure, f.note || '—', `${f.by} ${chinaDateTime(f.at)}`, `${FEEDBACK_STATUS[f.status] ?? f.status}${f.batchSequence ? `（第 ${f.batchSequence} 批）` : ''}`]),
      },
    );
  }
  blocks.push(
    {
      kind: 'paragraph',
      size: 9,
      text: '本结果反映核查时上列名单版本及本部门信用记录的情况；核查记录按核查编号保存，不可更改。证件号码按规定遮蔽显示。',
    },
    { kind: 'signatures', lines: ['核查人（签字）', '复核人（签字）'] },
  );
  return {
    kind: 'check-result',
    title: '信用核查结果',
    subtitle: `${check.checkNo} · ${check.matter}`,
    target: `check:${check.checkNo}`,
    targetLabel: `${check.checkNo} ${subjectName}`,
    masked: true,
    options: { matter: check.matter },
    blocks,
  };
}
