/**
 * `record show ID`: one credit record as the platform and a case see it — its
 * state, its marks (异议中), its publication clock and every version.
 */
import type { RecordDetail, RecordVersionView } from '../../contract/records';
import { AS_OPTION, DB_OPTION } from '../args';
import { defineCommand } from '../command';
import { actAs, checkActingPassword } from '../acting';
import { fields, localTime, table } from '../text';
import { CASE_KIND_LABELS, CASE_STATE_LABELS } from '../../core/cases/labels';
import { idOf } from './key';
import { categoryName, STATE_LABELS } from './records-options';

export function marksOf(r: Pick<RecordDetail, 'openMarks'>): string[] {
  return r.openMarks > 0 ? ['objection'] : [];
}

export const recordShowCommand = defineCommand({
  name: ['record', 'show'],
  summary: '查看一条信用记录：状态、异议标注、公示期限和全部版本（个人证件号码已遮蔽）',
  options: { db: DB_OPTION, as: AS_OPTION },
  positionals: [{ name: 'id', value: '记录编号', description: '信用记录的编号', required: true }],
  async run(ctx) {
    const recordId = idOf('记录编号', ctx.args.positional('id') ?? '');
    checkActingPassword(ctx);
    return actAs(ctx, async (desk) => {
      const r = await desk.call('records.get', { recordId });
      const versions = await desk.call('records.history', { recordId });
      const cases = (await desk.call('cases.list', { recordId, limit: 500 })).items;
      const marks = marksOf(r);
      const publication = r.publication
        ? { class: r.publication.class, publicationEnds: r.publication.publicationEnds, earliestRepair: r.publication.earliestRepair, ruleVersion: r.publication.ruleVersion }
        : null;
      const pairs: [string, string][] = [
        ['编号', String(r.recordId)],
        ['类别', categoryName(r.category)],
        ['主体', `${r.subjectName}${r.subjectCode ? `（${r.subjectCode}）` : ''}`],
        ['文号', r.decisionNo],
        ['决定日期', r.decisionDate ?? '—'],
        ['状态', `${STATE_LABELS[r.state] ?? r.state}（${r.state}）${marks.length ? '，异议中' : ''}`],
        ['版本', String(r.version)],
      ];
      if (publication) {
        pairs.push(['公示等级', publication.class], ['公示截止期', publication.publicationEnds], ['最早可修复', publication.earliestRepair], ['规则版本', publication.ruleVersion]);
      }
      const lines = [fields(pairs), '', '版本：', table(['版本', '时间', '人员', '状态', '原因'], versions.map((v: RecordVersionView) => [String(v.version), localTime(v.at), v.by, STATE_LABELS[v.state] ?? v.state, v.reason ?? '']))];
      if (cases.length) lines.push('', '案件：', table(['编号', '案件号', '类别', '状态'], cases.map((c) => [String(c.caseId), c.caseNo, CASE_KIND_LABELS[c.kind], CASE_STATE_LABELS[c.state]])));
      return {
        data: {
          recordId: r.recordId,
          category: r.category,
          subjectName: r.subjectName,
          subjectCode: r.subjectCode,
          decisionNo: r.decisionNo,
          decisionDate: r.decisionDate,
          state: r.state,
          version: r.version,
          marks,
          publication,
          fields: r.fields,
          versions: versions.map((v) => ({ version: v.version, state: v.state, action: v.action, reason: v.reason, at: v.at, by: v.by, changes: v.changes })),
          cases: cases.map((c) => ({ caseId: c.caseId, caseNo: c.caseNo, kind: c.kind, state: c.state })),
        },
        text: lines.join('\n'),
      };
    });
  },
});
