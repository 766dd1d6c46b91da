/**
 * Credit checks (信用核查) from the command line: `check --subject` (one subject, by
 * 统一社会信用代码, ID number or exact name), `check --file` (every applicant of an
 * .xlsx/.csv, with a result workbook), `check feedback` (the measure applied, which
 * goes to the platform in the next batch). Every check is logged and audited.
 */
import { existsSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { MATTERS, type CheckHit, type CheckResultView, type Matter } from '../../contract/checks';
import { AS_OPTION, DB_OPTION } from '../args';
import { defineCommand } from '../command';
import { usage } from '../errors';
import { actAs, checkActingPassword } from '../acting';
import { PASSWORD_ENV } from '../secrets';
import { fields, localTime, table } from '../text';
import { count, progressLine } from './records-options';
import { checkOutput, produceOutput } from '../output';

function matterOf(value: string): Matter {
  const m = MATTERS.find((x) => x === value.trim());
  if (!m) throw usage(`--matter 应为以下之一：${MATTERS.join('、')}（实为 ${value}）`);
  return m;
}

const EFFECTS: Record<CheckHit['effect'], string> = { sanction: '失信', incentive: '守信激励', notice: '提示' };

function hitSource(h: CheckHit): string {
  return h.source === 'list' ? `${h.list}（第 ${h.version} 版）` : `本部门${h.list}（记录 ${h.recordId}，${h.decisionNo ?? ''}）`;
}

function describeCheck(r: CheckResultView): string {
  const head = r.clean ? `核查 ${r.checkNo}：未发现记录。` : `核查 ${r.checkNo}：发现 ${r.hits.length} 条记录。`;
  const subject = [r.subject.name, r.subject.code].filter(Boolean).join('，') || r.query;
  const lines = [
    head,
    '',
    fields([
      ['核查编号', r.checkNo],
      ['主体', subject],
      ['核查事项', r.matter],
      ['核查人', `${r.byName}（${r.by}），${localTime(r.at)}`],
      ['共享名单', r.versions.length ? r.versions.map((v) => `${v.name} 第 ${v.version} 版（${v.issuedOn}）`).join('；') : '尚未导入任何共享名单'],
      ['本部门记录', '已一并核查'],
    ]),
  ];
  if (r.hits.length > 0) {
    lines.push(
      '',
      table(
        ['类别', '来源', '认定依据', `适用措施（${r.matter}）`, '其他措施'],
        r.hits.map((h) => [
          EFFECTS[h.effect] + (h.disputed ? '（异议处理中）' : ''),
          hitSource(h),
          h.basis,
          h.measures.join('、') || '—',
          h.otherMeasures.join('、') || '—',
        ]),
      ),
      '',
      `采取措施后请记录反馈：credit-desk check feedback ${r.checkNo} --measure 措施 --note 说明 --db … --as …`,
    );
  }
  return lines.join('\n');
}

/** The JSON of one check: the shape scripts rely on (docs: README). */
function checkJson(r: CheckResultView): Record<string, unknown> {
  return {
    checkNo: r.checkNo,
    subject: r.subject,
    matter: r.matter,
    clean: r.clean,
    hits: r.hits.map((h) => ({
      source: h.source,
      list: h.list,
      version: h.version,
      basis: h.basis,
      measures: h.measures,
      effect: h.effect,
      name: h.name,
      code: h.code,
      otherMeasures: h.otherMeasures,
    })),
    versions: r.versions,
  };
}

export const checkCommand = defineCommand({
  name: ['check'],
  summary: '信用核查：核查一个主体（--subject）或文件中的每个申请人（--file）（录入员、审核人）',
  details: [
    '--subject 为统一社会信用代码、身份证号或完整名称（名称须完全一致，不区分全角半角和空格；不按名称的一部分查找）。',
    '核查共享名单的当前版本和本部门的信用记录（严重失信主体名单、公示中的行政处罚、守信激励名单、异议处理中的记录），',
    `并列出适用于 --matter 事项的措施。事项：${MATTERS.join('、')}。`,
    '--file 为申请人名单（.xlsx 或 .csv，列名“名称/申请人/姓名”和“统一社会信用代码/证件号码”），结果写入 --out（.xlsx：汇总一页，每个申请人一行）。',
    '每次核查都记入核查记录并审计（查询他人信息属于个人信息处理）。',
  ].join('\n'),
  options: {
    db: DB_OPTION,
    as: AS_OPTION,
    subject: { type: 'string', value: '代码或名称', description: '要核查的主体：统一社会信用代码、身份证号或完整名称' },
    file: { type: 'string', value: '申请人.xlsx', description: '要核查的申请人名单（.xlsx 或 .csv）' },
    matter: { type: 'string', value: '事项', description: `核查事项：${MATTERS.join('、')}`, required: true },
    out: { type: 'string', value: '结果.xlsx', description: '与 --file 一起：核查结果写入此 Excel 文件' },
  },
  examples: [
    `${PASSWORD_ENV}=… credit-desk check --db 信用.db --as lisi --subject 91350200776049653A --matter 政府采购`,
    `${PASSWORD_ENV}=… credit-desk check --db 信用.db --as lisi --file 申请人.xlsx --matter 财政资金 --out 核查结果.xlsx`,
  ],

  async run(ctx) {
    const { args, io } = ctx;
    const matter = matterOf(args.need('matter'));
    const subject = args.get('subject');
    const file = args.get('file');
    if ((subject === undefined) === (file === undefined)) throw usage('请给出 --subject（核查一个主体）或 --file（核查文件中的申请人），二者选一。');
    if (subject !== undefined) {
      if (args.get('out') !== undefined) throw usage('--out 只与 --file 一起使用。');
      if (subject.trim() === '') throw usage('--subject 不能为空。');
      checkActingPassword(ctx);
      return actAs(ctx, async (desk) => {
        const r = await desk.call('checks.run', { subject, matter });
        return { data: checkJson(r), text: describeCheck(r) };
      });
    }
    const path = resolve(file!);
    const ext = extname(path).toLowerCase();
    if (ext !== '.xlsx' && ext !== '.csv') throw usage(`申请人名单应为 .xlsx 或 .csv 文件：${path}`);
    if (!existsSync(path) || !statSync(path).isFile()) throw usage(`文件不存在：${path}`);
    if (args.get('out') === undefined) throw usage('与 --file 一起需要 --out 结果.xlsx。');
    const out = resolve(args.need('out'));
    checkOutput(out);
    if (extname(out).toLowerCase() !== '.xlsx') throw usage(`--out 应为 .xlsx 文件：${out}`);
    checkActingPassword(ctx);
    return actAs(ctx, async (desk) => {
      const progress = progressLine(io, (e) => `正在核查 ${path}：${count(e.done)} 人…`);
      try {
        const { summary: s } = await produceOutput(out, (temp) => desk.call('checks.runFile', { path, out: temp, matter }, { onProgress: progress.onProgress }));
        const text = [
          `已核查 ${count(s.total)} 人：未发现记录 ${count(s.clean)} 人，有命中 ${count(s.withHits)} 人。结果：${out}`,
          '',
          fields([
            ['核查事项', s.matter],
            ['核查编号', s.firstCheckNo === s.lastCheckNo ? (s.firstCheckNo ?? '—') : `${s.firstCheckNo} 至 ${s.lastCheckNo}`],
            ['共享名单', s.versions.length ? s.versions.map((v) => `${v.name} 第 ${v.version} 版`).join('；') : '尚未导入任何共享名单'],
            ['用时', `${(s.tookMs / 1000).toFixed(1)} 秒`],
          ]),
          ...(s.skipped.length ? ['', `未核查的行（缺少名称和代码）：${s.skipped.map((x) => x.row).join('、')}`] : []),
        ].join('\n');
        return { data: { ...s, out }, text };
      } finally {
        progress.end();
      }
    });
  },
});

export const checkFeedbackCommand = defineCommand({
  name: ['check', 'feedback'],
  summary: '记录依据核查采取的措施（联合奖惩反馈），随下一个批次报送平台（录入员、审核人）',
  details: '措施如：不予受理、从严审核、限制参与政府采购，或激励措施如容缺受理。反馈一经记录不能修改；它作为 sanction-feedback 操作进入下一个批次。',
  options: {
    db: DB_OPTION,
    as: AS_OPTION,
    measure: { type: 'string', value: '措施', description: '采取的措施', required: true },
    note: { type: 'string', value: '说明', description: '说明（例如：已书面告知申请人）' },
  },
  positionals: [{ name: 'checkNo', value: '核查编号', description: '核查编号（如 HC2026-000123）', required: true }],
  examples: [`${PASSWORD_ENV}=… credit-desk check feedback HC2026-000123 --measure 限制参与政府采购 --note 已书面告知 --db 信用.db --as lisi`],

  async run(ctx) {
    const checkNo = ctx.args.positional('checkNo')!.trim();
    checkActingPassword(ctx);
    return actAs(ctx, async (desk) => {
      const f = await desk.call('checks.feedback', { checkNo, measure: ctx.args.need('measure'), note: ctx.args.get('note') ?? '' });
      return {
        data: { checkNo: checkNo.toUpperCase(), ...f },
        text: `已记录核查 ${checkNo.toUpperCase()} 的反馈“${f.measure}”，将随下一个批次报送平台。`,
      };
    });
  },
});
