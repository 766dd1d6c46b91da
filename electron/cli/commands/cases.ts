/**
 * Objection (异议) and credit-repair (信用修复) cases from the command line:
 * `case file` registers one, `case list` / `case show` read them with their
 * working-day clocks, and one command per step (accept, refuse, materials,
 * extend, propose, approve, return, answer). Attachments are read here and
 * checked by the core (type by content, at most 20 MB).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { CaseDetail, CaseKind, CaseState, CaseSummary } from '../../contract/cases';
import { CASE_CHANNELS, CASE_KINDS, CASE_OUTCOMES, CASE_STATES } from '../../contract/cases';
import { formatSize, MAX_ATTACHMENT_BYTES } from '../../core/cases/labels';
import { ACTION_LABELS, CASE_KIND_LABELS, CASE_STATE_LABELS, CHANNEL_LABELS, OUTCOME_LABELS } from '../../core/cases/labels';
import { AS_OPTION, DB_OPTION, type OptionSpec, type PositionalSpec } from '../args';
import { defineCommand, type Command, type CommandContext, type CommandOutcome } from '../command';
import { CliError, usage } from '../errors';
import { actAs, checkActingPassword } from '../acting';
import { PASSWORD_ENV } from '../secrets';
import { checkInput, type DeskSession } from '../session';
import { fields, localTime, table } from '../text';
import { refusalsExit1 } from './batch';
import { OUT_OPTION, outTarget, printed } from './print';
import { idOf } from './key';
import { dateOf, integerOf } from './records-options';

export const CASE_ID: PositionalSpec = { name: 'id', value: '案件编号', description: '案件的编号（case list 中的“编号”）', required: true };

const caseIdOf = (value: string | undefined) => idOf('案件编号', value ?? '');

function choice<T extends string>(option: string, value: string, allowed: readonly T[], labels: Record<T, string>): T {
  const v = value.trim();
  const found = allowed.find((a) => a === v.toLowerCase() || labels[a] === v);
  if (!found) throw usage(`选项 --${option} 应为 ${allowed.map((a) => `${a}（${labels[a]}）`).join('、')}：${value}`);
  return found;
}

/** Reads a file to attach; the core checks its content. Too large a file is refused before it is read whole. */
export function attachmentOf(path: string): { fileName: string; content: string } {
  const full = resolve(path);
  if (!existsSync(full) || !statSync(full).isFile()) throw usage(`附件不存在：${full}`);
  const size = statSync(full).size;
  if (size > MAX_ATTACHMENT_BYTES) {
    throw new CliError('BAD_INPUT', `附件“${basename(full)}”有 ${formatSize(size)}，超过每个附件 20 MB 的上限，未保存。`);
  }
  return { fileName: basename(full), content: readFileSync(full).toString('base64') };
}

const stateName = (s: CaseState) => `${CASE_STATE_LABELS[s]}（${s}）`;

/** "还剩 2 个工作日", "今天到期", "已逾期 3 个工作日", or why there is no clock. */
export function clockText(c: CaseSummary): string {
  if (c.paused) return '补正中，期限暂停';
  if (c.due === null) return '—';
  const estimate = c.dueCalendar?.estimated ? `（${c.dueCalendar.yearsWithoutData.join('、')} 年尚无节假日安排，按周末估算）` : '';
  if (c.workingDaysLeft === null) return `${c.due}${c.decidedLate ? '（逾期办结）' : ''}${estimate}`;
  if (c.overdue) return `${c.due}，已逾期${c.workingDaysLeft < 0 ? ` ${-c.workingDaysLeft} 个工作日` : ''}${estimate}`;
  if (c.workingDaysLeft === 0) return `${c.due}，今天到期${estimate}`;
  return `${c.due}，还剩 ${c.workingDaysLeft} 个工作日${estimate}`;
}

function listItem(c: CaseSummary) {
  return {
    caseId: c.caseId,
    caseNo: c.caseNo,
    kind: c.kind,
    state: c.state,
    received: c.received,
    due: c.due,
    workingDaysLeft: c.workingDaysLeft,
    overdue: c.overdue,
    recordIds: c.recordIds,
    subjectName: c.subjectName,
    applicantName: c.applicantName,
    paused: c.paused,
    dueCalendar: c.dueCalendar,
  };
}

/** The case as `case show` prints it (and every step command after its change). */
export function describeCase(c: CaseDetail, head?: string): CommandOutcome {
  const pairs: [string, string][] = [
    ['编号', String(c.caseId)],
    ['案件号', c.caseNo],
    ['类别', `${CASE_KIND_LABELS[c.kind]}（${c.kind}）${c.repairClass ? `，${c.repairClass}` : ''}`],
    ['状态', stateName(c.state)],
    ['申请人', `${c.applicantName}${c.applicantCode ? `（${c.applicantCode}）` : ''}${c.applicantContact ? `，${c.applicantContact}` : ''}`],
    ['渠道', `${CHANNEL_LABELS[c.channel]}${c.platformRef ? `，平台转办编号 ${c.platformRef}` : ''}`],
    ['收到日期', c.received],
    ['受理日期', c.acceptedOn ?? '—'],
    ['办理期限', clockText(c)],
    ['期限依据', `${c.clockBasis}${c.clock.extensions ? `；已延期 ${c.extensionDays} 个工作日` : ''}`],
    ['规则版本', c.ruleVersion],
    ['日历版本', c.dueCalendar?.versions.join('、') || '—'],
    ['理由', c.grounds],
  ];
  if (c.proposal) pairs.push(['拟处理', `${OUTCOME_LABELS[c.proposal.outcome]}：${c.proposal.reason}（${c.proposal.by}）`]);
  if (c.outcome) pairs.push(['决定', `${OUTCOME_LABELS[c.outcome]}：${c.outcomeReason ?? ''}（${c.decidedBy}，${c.decidedOn}）`]);
  if (c.refusalReason) pairs.push(['不予受理理由', c.refusalReason]);
  if (c.answeredOn) pairs.push(['答复', `${c.answerMethod}（${c.answeredOn}）`]);
  const lines = [...(head ? [head, ''] : []), fields(pairs), '', '涉及的记录：'];
  lines.push(table(['记录', '主体', '文号', '状态', '版本'], c.records.map((r) => [String(r.recordId), r.subjectName, r.decisionNo, r.state, String(r.version)])));
  if (c.proposal?.changes.length) {
    lines.push('', '拟更正：', table(['记录', '字段', '原值', '新值'], c.proposal.changes.map((ch) => [String(ch.recordId), ch.label, ch.before ?? '（空）', ch.after ?? '（空）'])));
  }
  if (c.materials) {
    lines.push('', '材料清单：', table(['材料', '必需', '已收到'], c.materials.map((m) => [m.item, m.required ? '是' : '否', m.received ? (m.receivedOn ?? '是') : '否'])));
  }
  if (c.letters.length) {
    lines.push(
      '',
      '文书：',
      table(['编号', '文书', '发文字号', '成文日期', '送达'], c.letters.map((l) => [String(l.letterId), l.title, l.docNo, l.issuedOn, l.service ? `${l.service.method}（${l.service.on}${l.service.to ? `，${l.service.to}` : ''}）` : '未登记'])),
    );
  }
  if (c.attachments.length) {
    lines.push('', '附件：', table(['编号', '文件', '类型', '大小', '材料'], c.attachments.map((a) => [String(a.attachmentId), a.fileName, a.contentType, formatSize(a.size), a.item ?? '—'])));
  }
  lines.push('', '经过：', table(['时间', '人员', '步骤', '说明'], c.steps.map((s) => [localTime(s.at), s.byName, ACTION_LABELS[s.action] ?? s.action, s.reason ?? ''])));
  const data = {
    caseId: c.caseId,
    caseNo: c.caseNo,
    kind: c.kind,
    state: c.state,
    received: c.received,
    acceptedOn: c.acceptedOn,
    due: c.due,
    dueCalendar: c.dueCalendar,
    workingDaysLeft: c.workingDaysLeft,
    overdue: c.overdue,
    paused: c.paused,
    ruleVersion: c.ruleVersion,
    outcome: c.outcome,
    outcomeReason: c.outcomeReason,
    refusalReason: c.refusalReason,
    proposal: c.proposal,
    recordIds: c.recordIds,
    applicant: { name: c.applicantName, code: c.applicantCode, contact: c.applicantContact },
    channel: c.channel,
    platformRef: c.platformRef,
    grounds: c.grounds,
    repairClass: c.repairClass,
    decidedOn: c.decidedOn,
    decidedBy: c.decidedBy,
    answeredOn: c.answeredOn,
    answerMethod: c.answerMethod,
    steps: c.steps.map((s) => ({ who: s.by, what: s.action, when: s.at, name: s.byName, label: ACTION_LABELS[s.action] ?? s.action, from: s.fromState, to: s.toState, reason: s.reason })),
    ...(c.materials ? { materials: c.materials.map((m) => ({ item: m.item, required: m.required, received: m.received, receivedOn: m.receivedOn })) } : {}),
    letters: c.letters,
    basisVersion: c.basisVersion,
    attachments: c.attachments.map((a) => ({ attachmentId: a.attachmentId, fileName: a.fileName, contentType: a.contentType, size: a.size, sha256: a.sha256, item: a.item })),
    handlers: c.handlers,
  };
  return { data, text: lines.join('\n') };
}

export const caseFileCommand = defineCommand({
  name: ['case', 'file'],
  summary: '登记异议或信用修复申请（录入员、审核人）',
  details: [
    '--received 为收到申请之日（可早于登记之日：信函先到、后登记），不得晚于今天；期限自收到之日的次日起按工作日计算。',
    '异议：登记后所涉记录标注“异议中”，并在下一批次中报送 mark-objection。同一记录只能有一件未办结的异议。',
    '信用修复：只限行政处罚和严重失信主体名单，一次一条记录。未到最早可修复日期的申请当即不予受理，并说明可以申请的日期。',
    '材料齐全之日起计算修复期限；材料用 case materials 补充。--attach 可多次给出：PDF、JPEG、PNG 或 OFD，每个不超过 20 MB。',
  ].join('\n'),
  options: {
    db: DB_OPTION,
    as: AS_OPTION,
    kind: { type: 'string', value: 'objection|repair', description: '案件类别：objection（异议）或 repair（信用修复）', required: true },
    record: { type: 'string', value: '记录编号', description: '所涉信用记录的编号；异议可多次给出', required: true, multiple: true },
    applicant: { type: 'string', value: '名称', description: '申请人（异议人）名称或姓名', required: true },
    'applicant-code': { type: 'string', value: '代码', description: '申请人的统一社会信用代码或证件号码' },
    contact: { type: 'string', value: '联系方式', description: '申请人的联系方式' },
    channel: { type: 'string', value: 'window|letter|platform|phone', description: '收到渠道：window（窗口）、letter（信函）、platform（平台转办）、phone（电话）', required: true },
    'platform-ref': { type: 'string', value: '编号', description: '平台转办的转办编号（--channel platform 时必需）' },
    received: { type: 'string', value: 'YYYY-MM-DD', description: '收到日期（默认今天）' },
    grounds: { type: 'string', value: '文字', description: '异议理由或修复申请事由', required: true },
    attach: { type: 'string', value: '文件', description: '附件（PDF、JPEG、PNG、OFD，≤ 20 MB），可多次给出', multiple: true },
    forward: { type: 'boolean', description: '所涉记录由其他机关认定时，转送该机关（记为已转送），而不是不予受理' },
  } satisfies Record<string, OptionSpec>,
  fieldOptions: { grounds: 'grounds', received: 'received', 'applicant.name': 'applicant', 'applicant.code': 'applicant-code', platformRef: 'platform-ref' },
  examples: [
    `${PASSWORD_ENV}=… credit-desk case file --db 信用.db --as lisi --kind objection --record 12 --applicant 恒瑞商贸 --channel letter --received 2026-03-06 --grounds 罚款金额有误 --attach 决定书.pdf --json`,
  ],

  async run(ctx) {
    const { args } = ctx;
    const kind = choice('kind', args.need('kind'), CASE_KINDS, CASE_KIND_LABELS);
    const channel = choice('channel', args.need('channel'), CASE_CHANNELS, CHANNEL_LABELS);
    const recordIds = args.all('record').map((v) => idOf('记录编号', v));
    const received = args.get('received') === undefined ? undefined : dateOf('received', args.need('received'));
    const attachments = args.all('attach').map(attachmentOf);
    const input = {
      kind,
      recordIds,
      applicant: { name: args.need('applicant'), ...(args.get('applicant-code') ? { code: args.need('applicant-code') } : {}), ...(args.get('contact') ? { contact: args.need('contact') } : {}) },
      channel,
      ...(args.get('platform-ref') ? { platformRef: args.need('platform-ref') } : {}),
      ...(received ? { received } : {}),
      grounds: args.need('grounds'),
      attachments,
      ...(args.flag('forward') ? { forward: true } : {}),
    };
    await checkInput('cases.register', input);
    return actAs(ctx, async (desk) => {
      const c = await desk.call('cases.register', input);
      const head =
        c.state === 'refused'
          ? `已登记${CASE_KIND_LABELS[c.kind]}申请 ${c.caseNo}，当即${c.steps.some((s) => s.action === 'forward') ? '转送' : '不予受理'}：${c.refusalReason}`
          : `已登记${CASE_KIND_LABELS[c.kind]} ${c.caseNo}（编号 ${c.caseId}），${c.paused ? '材料不齐，期限待材料齐全后起算' : `办理期限 ${clockText(c)}`}。`;
      const outcome = describeCase(c, head);
      const { caseId, caseNo, state, received: on, due } = c;
      return { ...outcome, data: { caseId, caseNo, kind: c.kind, state, received: on, due, ...outcome.data, earliestRepair: c.earliestRepair, otherAuthority: c.otherAuthority } };
    });
  },
});

export const caseListCommand = defineCommand({
  name: ['case', 'list'],
  summary: '列出异议和信用修复案件及其期限（录入员、审核人、档案员）',
  details: '未办结的案件按到期日排在前面。--overdue 只列已逾期的；--due-within N 列 N 个工作日内到期的（含已逾期的）。',
  options: {
    db: DB_OPTION,
    as: AS_OPTION,
    kind: { type: 'string', value: 'objection|repair', description: '只列此类别' },
    state: { type: 'string', value: '状态', description: `只列此状态：${CASE_STATES.map(stateName).join('、')}` },
    overdue: { type: 'boolean', description: '只列已逾期的未办结案件' },
    'due-within': { type: 'string', value: '工作日数', description: '只列此数目的工作日内到期（含已逾期）的未办结案件' },
    limit: { type: 'string', value: '条数', description: '最多列出的条数（1–500，默认 50）' },
    offset: { type: 'string', value: '条数', description: '跳过前面若干条（默认 0）' },
  },
  async run(ctx) {
    const { args } = ctx;
    const kind = args.get('kind') === undefined ? undefined : choice('kind', args.need('kind'), CASE_KINDS, CASE_KIND_LABELS);
    const state = args.get('state') === undefined ? undefined : choice('state', args.need('state'), CASE_STATES, CASE_STATE_LABELS);
    const dueWithin = integerOf('due-within', args.get('due-within'), 0, 365);
    const limit = integerOf('limit', args.get('limit'), 1, 500) ?? 50;
    const offset = integerOf('offset', args.get('offset'), 0, 1_000_000_000) ?? 0;
    checkActingPassword(ctx);
    return actAs(ctx, async (desk) => {
      const result = await desk.call('cases.list', {
        ...(kind ? { kind: kind as CaseKind } : {}),
        ...(state ? { state } : {}),
        ...(args.flag('overdue') ? { overdue: true } : {}),
        ...(dueWithin !== undefined ? { dueWithin } : {}),
        limit,
        offset,
      });
      const rows = result.items.map((c) => [
        String(c.caseId),
        c.caseNo,
        CASE_KIND_LABELS[c.kind],
        CASE_STATE_LABELS[c.state],
        c.subjectName ?? '—',
        c.received,
        clockText(c),
      ]);
      const text = result.total === 0 ? '没有符合条件的案件。' : `${table(['编号', '案件号', '类别', '状态', '主体', '收到日期', '期限'], rows)}\n\n共 ${result.total} 件。`;
      return { data: { total: result.total, items: result.items.map(listItem) }, text };
    });
  },
});

export const caseShowCommand = defineCommand({
  name: ['case', 'show'],
  summary: '查看一个案件：记录、期限、材料、附件和每一步经过（录入员、审核人、档案员）',
  options: { db: DB_OPTION, as: AS_OPTION },
  positionals: [CASE_ID],
  async run(ctx) {
    const caseId = caseIdOf(ctx.args.positional('id'));
    checkActingPassword(ctx);
    return actAs(ctx, async (desk) => describeCase(await desk.call('cases.get', { caseId })));
  },
});

const reason = (what: string) => ({ type: 'string', value: '理由', description: `${what}（至少 2 个字）`, required: true }) as const;

type PlainStep = 'cases.accept' | 'cases.approve';
type ReasonStep = 'cases.refuse' | 'cases.extend' | 'cases.return';
interface StepSpec<M> {
  /** The word after `case`. */
  word: string;
  summary: string;
  method: M;
  /** The line above the case as it is after the step. */
  head: (c: CaseDetail) => string;
}

/** Runs the step and prints the case as it is after it; a step the core refuses exits 1. */
function runStep(ctx: CommandContext<'db' | 'as'>, head: (c: CaseDetail) => string, step: (desk: DeskSession) => Promise<CaseDetail>): Promise<CommandOutcome> {
  return refusalsExit1(
    actAs(ctx, async (desk) => {
      const c = await step(desk);
      return describeCase(c, head(c));
    }),
  );
}

/** One step on a case, `case <word> <id>`, with `--reason` when the step needs one (`reason` describes it). */
function caseStepCommand(spec: StepSpec<PlainStep>): Command<'db' | 'as'>;
function caseStepCommand(spec: StepSpec<ReasonStep> & { reason: string }): Command<'db' | 'as' | 'reason'>;
function caseStepCommand(spec: StepSpec<PlainStep> | (StepSpec<ReasonStep> & { reason: string })): Command<'db' | 'as'> | Command<'db' | 'as' | 'reason'> {
  const common = { name: ['case', spec.word], summary: spec.summary, positionals: [CASE_ID] };
  if (!('reason' in spec)) {
    return defineCommand({
      ...common,
      options: { db: DB_OPTION, as: AS_OPTION },
      async run(ctx) {
        const caseId = caseIdOf(ctx.args.positional('id'));
        checkActingPassword(ctx);
        return runStep(ctx, spec.head, (desk) => desk.call(spec.method, { caseId }));
      },
    });
  }
  return defineCommand({
    ...common,
    options: { db: DB_OPTION, as: AS_OPTION, reason: reason(spec.reason) },
    fieldOptions: { reason: 'reason' },
    async run(ctx) {
      const input = { caseId: caseIdOf(ctx.args.positional('id')), reason: ctx.args.need('reason') };
      await checkInput(spec.method, input);
      return runStep(ctx, spec.head, (desk) => desk.call(spec.method, input));
    },
  });
}

export const caseAcceptCommand = caseStepCommand({
  word: 'accept',
  summary: '受理案件：转入核查（录入员、审核人）',
  method: 'cases.accept',
  head: () => '已受理，转入核查。',
});

export const caseRefuseCommand = caseStepCommand({
  word: 'refuse',
  summary: '不予受理，说明理由（录入员、审核人）；异议的“异议中”标注随之撤销',
  method: 'cases.refuse',
  reason: '不予受理的理由',
  head: () => '已不予受理。',
});

export const caseMaterialsCommand = defineCommand({
  name: ['case', 'materials'],
  summary: '为信用修复案件补充材料清单中的一项（附上文件）；材料齐全之日起计算期限',
  details: '--item 为材料清单中的名称（case show 列出），如：信用修复申请表、信用修复承诺书、履行法定义务的证明材料、信用修复培训证明、信用报告。',
  options: {
    db: DB_OPTION,
    as: AS_OPTION,
    item: { type: 'string', value: '材料名称', description: '材料清单中的一项', required: true },
    attach: { type: 'string', value: '文件', description: '该项材料的文件（PDF、JPEG、PNG、OFD，≤ 20 MB）', required: true },
    received: { type: 'string', value: 'YYYY-MM-DD', description: '材料实际收到之日（默认今天；期限自材料齐全之日起算）' },
  },
  positionals: [CASE_ID],
  async run(ctx) {
    const caseId = caseIdOf(ctx.args.positional('id'));
    const file = attachmentOf(ctx.args.need('attach'));
    const received = ctx.args.get('received') === undefined ? undefined : dateOf('received', ctx.args.need('received'));
    const input = { caseId, ...file, item: ctx.args.need('item'), ...(received ? { received } : {}) };
    await checkInput('cases.attach', input);
    return actAs(ctx, async (desk) => {
      const c = await desk.call('cases.attach', input);
      return describeCase(c, `已收到“${input.item}”（${file.fileName}）。${c.paused ? '材料尚不齐全。' : `办理期限：${clockText(c)}。`}`);
    });
  },
});

export const caseAttachCommand = defineCommand({
  name: ['case', 'attach'],
  summary: '为未办结的案件添加附件（证据等）',
  options: {
    db: DB_OPTION,
    as: AS_OPTION,
    attach: { type: 'string', value: '文件', description: '附件（PDF、JPEG、PNG、OFD，≤ 20 MB）', required: true },
  },
  positionals: [CASE_ID],
  async run(ctx) {
    const caseId = caseIdOf(ctx.args.positional('id'));
    const file = attachmentOf(ctx.args.need('attach'));
    await checkInput('cases.attach', { caseId, ...file });
    return actAs(ctx, async (desk) => describeCase(await desk.call('cases.attach', { caseId, ...file }), `已添加附件 ${file.fileName}。`));
  },
});

export const caseExtendCommand = caseStepCommand({
  word: 'extend',
  summary: '延长办理期限一次（按规则，默认 5 个工作日），说明理由',
  method: 'cases.extend',
  reason: '延期理由',
  head: (c) => `已延期：办理期限 ${clockText(c)}。`,
});

export const caseProposeCommand = defineCommand({
  name: ['case', 'propose'],
  summary: '提出处理意见，交另一位未经办本案的审核人批准',
  details: [
    '异议：correct（更正，用 --set 字段=新值 给出更正内容，可多次；字段可用代码如 CF_NR_FK 或中文名称）、revoke（撤销记录）、maintain（维持，说明理由）。',
    '信用修复：repair（同意修复，材料须齐全）、deny（不予修复，说明理由）。',
  ].join('\n'),
  options: {
    db: DB_OPTION,
    as: AS_OPTION,
    outcome: { type: 'string', value: 'correct|revoke|maintain|repair|deny', description: '处理结果', required: true },
    reason: reason('处理理由'),
    set: { type: 'string', value: '字段=新值', description: '更正的字段和新值（更正时必需），可多次给出', multiple: true },
  },
  positionals: [CASE_ID],
  fieldOptions: { reason: 'reason' },
  async run(ctx) {
    const { args } = ctx;
    const caseId = caseIdOf(args.positional('id'));
    const outcome = choice('outcome', args.need('outcome'), CASE_OUTCOMES, OUTCOME_LABELS);
    const set: Record<string, string> = {};
    for (const pair of args.all('set')) {
      const at = pair.indexOf('=');
      if (at <= 0) throw usage(`--set 应写作 字段=新值：${pair}`);
      set[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
    }
    const input = { caseId, outcome, reason: args.need('reason'), ...(Object.keys(set).length ? { set } : {}) };
    await checkInput('cases.propose', input);
    return actAs(ctx, async (desk) => describeCase(await desk.call('cases.propose', input), `已提出处理意见：${OUTCOME_LABELS[outcome]}，等待审核人批准。`));
  },
});

export const caseApproveCommand = caseStepCommand({
  word: 'approve',
  summary: '批准处理意见（审核人；提出意见或经办本案的人不能批准），决定随即对记录生效',
  method: 'cases.approve',
  head: (c) => `已批准：${OUTCOME_LABELS[c.outcome!]}。所涉记录的变动随下一批次报送。`,
});

export const caseReturnCommand = caseStepCommand({
  word: 'return',
  summary: '退回处理意见，说明理由（审核人）；案件回到核查中',
  method: 'cases.return',
  reason: '退回理由',
  head: () => '已退回处理意见。',
});

export const caseAnswerCommand = defineCommand({
  name: ['case', 'answer'],
  summary: '记录已答复申请人：方式和日期（默认今天）',
  options: {
    db: DB_OPTION,
    as: AS_OPTION,
    method: { type: 'string', value: '方式', description: '答复方式，如：邮寄决定书、窗口送达、电话告知', required: true },
    date: { type: 'string', value: 'YYYY-MM-DD', description: '答复日期（默认今天；不得晚于今天，不得早于决定日期）' },
    to: { type: 'string', value: '姓名', description: '受送达人（默认申请人）' },
  },
  positionals: [CASE_ID],
  fieldOptions: { method: 'method', date: 'date' },
  async run(ctx) {
    const caseId = caseIdOf(ctx.args.positional('id'));
    const date = ctx.args.get('date') === undefined ? undefined : dateOf('date', ctx.args.need('date'));
    const input = { caseId, method: ctx.args.need('method'), ...(date ? { date } : {}), ...(ctx.args.get('to') ? { servedTo: ctx.args.need('to') } : {}) };
    await checkInput('cases.answer', input);
    return refusalsExit1(actAs(ctx, async (desk) => describeCase(await desk.call('cases.answer', input), '已记录答复。')));
  },
});

const LETTER_NAMES = { acceptance: '受理通知书', refusal: '不予受理通知书', materials: '补正材料通知书', decision: '决定书（异议处理决定书或信用修复决定书）' } as const;

export const printLetterCommand = defineCommand({
  name: ['print', 'letter'],
  summary: '打印案件的文书（PDF）：受理通知书、不予受理通知书、补正材料通知书、异议处理决定书或信用修复决定书',
  details: [
    '不给 --letter 时打印案件当前状态对应的文书：不予受理的打印不予受理通知书，已决定的打印决定书，待补正的打印补正材料通知书，其余打印受理通知书。',
    '文书在案件办理到相应步骤时出具并取得发文字号；重印保留原发文字号。--letter-id 打印案件出具过的某一份文书（case show 列出编号）。--json 另给出 "docNo"。',
    '证件号码默认遮蔽；--unmask 打印完整号码，须有查看完整号码的权限并用 --reason 说明理由。每次打印都有打印编号并记入打印记录。',
  ].join('\n'),
  options: {
    db: DB_OPTION,
    as: AS_OPTION,
    letter: { type: 'string', value: 'acceptance|refusal|materials|decision', description: `文书：${Object.entries(LETTER_NAMES).map(([k, v]) => `${k}（${v}）`).join('、')}` },
    'letter-id': { type: 'string', value: '编号', description: '案件出具过的某一份文书的编号（case show 的“文书”）' },
    unmask: { type: 'boolean', description: '打印完整的证件号码（须同时给出 --reason）' },
    reason: { type: 'string', value: '理由', description: '打印完整证件号码的理由（至少 4 个字）' },
    out: OUT_OPTION,
  },
  positionals: [CASE_ID],
  examples: [`${PASSWORD_ENV}=… credit-desk print letter 3 --db 信用.db --as zhao --out 决定书.pdf`],
  async run(ctx) {
    const { args } = ctx;
    const caseId = caseIdOf(args.positional('id'));
    const where = outTarget(args.need('out'));
    const letter = args.get('letter') === undefined ? undefined : choice('letter', args.need('letter'), ['acceptance', 'refusal', 'materials', 'decision'] as const, LETTER_NAMES);
    const letterId = args.get('letter-id') === undefined ? undefined : idOf('文书编号', args.need('letter-id'));
    const unmask = args.flag('unmask');
    const reason = args.get('reason');
    if (unmask && !reason) throw usage('--unmask 须同时用 --reason 说明打印完整证件号码的理由。');
    if (!unmask && reason) throw usage('--reason 只与 --unmask 一起使用。');
    checkActingPassword(ctx);
    return refusalsExit1(
      actAs(ctx, async (desk) => {
        const payload = await desk.call('print.letter', { caseId, ...(letter ? { letter } : {}), ...(letterId ? { letterId } : {}), ...(unmask ? { unmaskReason: reason } : {}) });
        return withDocNo(printed(payload, where, '案件文书'), payload.docNo ?? null);
      }),
    );
  },
});

/** A letter's 发文字号 beside what `printed` says (`--json`: "docNo"). */
function withDocNo(outcome: CommandOutcome, docNo: string | null): CommandOutcome {
  return { ...outcome, data: { ...(outcome.data as object), docNo }, text: `${outcome.text}\n发文字号：${docNo ?? '（未登记发文字号的旧文书）'}` };
}

export const caseRequestMaterialsCommand = defineCommand({
  name: ['case', 'request-materials'],
  summary: '要求补正材料（信用修复）：期限暂停，出具补正材料通知书，列明全部需补正的材料和补正期限',
  details: '--item 可多次给出（一次性告知）；--supply-by 为补正期限（默认按案件规则，自今天起 10 个工作日）。办理期限自今天起暂停，材料齐全之日起继续计算。',
  options: {
    db: DB_OPTION,
    as: AS_OPTION,
    item: { type: 'string', value: '材料名称', description: '需补正的材料（材料清单中的名称），可多次给出', required: true, multiple: true },
    reason: reason('需要补正的内容'),
    'supply-by': { type: 'string', value: 'YYYY-MM-DD', description: '补正期限' },
  },
  positionals: [CASE_ID],
  fieldOptions: { reason: 'reason' },
  async run(ctx) {
    const caseId = caseIdOf(ctx.args.positional('id'));
    const supplyBy = ctx.args.get('supply-by') === undefined ? undefined : dateOf('supply-by', ctx.args.need('supply-by'));
    const input = { caseId, items: ctx.args.all('item'), reason: ctx.args.need('reason'), ...(supplyBy ? { supplyBy } : {}) };
    await checkInput('cases.requestMaterials', input);
    return refusalsExit1(
      actAs(ctx, async (desk) => {
        const c = await desk.call('cases.requestMaterials', input);
        const notice = [...c.letters].reverse().find((l) => l.kind === 'materials');
        return describeCase(c, `已要求补正：${input.items.join('、')}；期限暂停。已出具补正材料通知书 ${notice?.docNo ?? ''}（print letter ${caseId} --letter materials 打印）。`);
      }),
    );
  },
});

export const caseServeCommand = defineCommand({
  name: ['case', 'serve'],
  summary: '登记案件某份文书的送达：方式、日期、受送达人（每份文书登记一次）',
  details: '方式如：直接送达、邮寄送达（以回执日期为送达日期）、电子送达（须经当事人同意）、留置送达、委托送达。决定书的送达由 case answer 一并登记。',
  options: {
    db: DB_OPTION,
    as: AS_OPTION,
    'letter-id': { type: 'string', value: '编号', description: '文书编号（case show 的“文书”）', required: true },
    method: { type: 'string', value: '方式', description: '送达方式', required: true },
    date: { type: 'string', value: 'YYYY-MM-DD', description: '送达日期', required: true },
    to: { type: 'string', value: '姓名', description: '受送达人' },
    note: { type: 'string', value: '文字', description: '备注（如邮件号）' },
  },
  positionals: [CASE_ID],
  async run(ctx) {
    const { args } = ctx;
    const caseId = caseIdOf(args.positional('id'));
    const input = {
      caseId,
      letterId: idOf('文书编号', args.need('letter-id')),
      method: args.need('method'),
      date: dateOf('date', args.need('date')),
      ...(args.get('to') ? { to: args.need('to') } : {}),
      ...(args.get('note') ? { note: args.need('note') } : {}),
    };
    await checkInput('cases.serveLetter', input);
    return refusalsExit1(actAs(ctx, async (desk) => describeCase(await desk.call('cases.serveLetter', input), '已登记送达。')));
  },
});

export const printRepairNoticeCommand = defineCommand({
  name: ['print', 'repair-notice'],
  summary: '出具并打印行政处罚记录的信用修复告知书（PDF，“两书同达”）：公示等级、公示截止期、最早可修复日期、申请方式',
  details: '首次打印时出具告知书并取得发文字号；以后重印保留同一发文字号。只对本机关作出的、仍在公示期限内的行政处罚记录出具。--json 另给出 "docNo"。',
  options: {
    db: DB_OPTION,
    as: AS_OPTION,
    record: { type: 'string', value: '记录编号', description: '行政处罚记录的编号', required: true },
    unmask: { type: 'boolean', description: '打印完整的证件号码（须同时给出 --reason）' },
    reason: { type: 'string', value: '理由', description: '打印完整证件号码的理由（至少 4 个字）' },
    out: OUT_OPTION,
  },
  examples: [`${PASSWORD_ENV}=… credit-desk print repair-notice --record 12 --db 信用.db --as lisi --out 告知书.pdf`],
  async run(ctx) {
    const { args } = ctx;
    const recordId = idOf('记录编号', args.need('record'));
    const where = outTarget(args.need('out'));
    const unmask = args.flag('unmask');
    const why = args.get('reason');
    if (unmask && !why) throw usage('--unmask 须同时用 --reason 说明打印完整证件号码的理由。');
    if (!unmask && why) throw usage('--reason 只与 --unmask 一起使用。');
    checkActingPassword(ctx);
    return refusalsExit1(
      actAs(ctx, async (desk) => {
        await desk.call('letters.issueRepairNotice', { recordId });
        const payload = await desk.call('print.repairNotice', { recordId, ...(unmask ? { unmaskReason: why } : {}) });
        return withDocNo(printed(payload, where, '信用修复告知书'), payload.docNo ?? null);
      }),
    );
  },
});

export const printCaseSheetCommand = defineCommand({
  name: ['print', 'case-sheet'],
  summary: '打印案件审批表（PDF，存档用）：收到渠道、办理期限、各步骤经办人、批准人、出具的文书及送达',
  options: { db: DB_OPTION, as: AS_OPTION, out: OUT_OPTION },
  positionals: [CASE_ID],
  examples: [`${PASSWORD_ENV}=… credit-desk print case-sheet 3 --db 信用.db --as zhao --out 审批表.pdf`],
  async run(ctx) {
    const caseId = caseIdOf(ctx.args.positional('id'));
    const where = outTarget(ctx.args.need('out'));
    checkActingPassword(ctx);
    return refusalsExit1(actAs(ctx, async (desk) => printed(await desk.call('print.caseSheet', { caseId }), where, '案件审批表')));
  },
});
