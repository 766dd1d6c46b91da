/**
 * Signed batches from the command line: prepare (clerk), list and show with
 * field-by-field diffs, approve = sign with the approver's key (unlocked by
 * their password), send back, cancel, and export the one verifiable file.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import type { BatchOperationView, BatchView } from '../../contract/batches';
import { OP_NAMES, STATE_NAMES } from '../../core/batches/format';
import { AS_OPTION, DB_OPTION, type PositionalSpec } from '../args';
import { defineCommand, type CommandOutcome } from '../command';
import { CliError, EXIT, usage } from '../errors';
import { actAs, checkActingPassword } from '../acting';
import { PASSWORD_ENV } from '../secrets';
import { checkInput, type DeskSession } from '../session';
import { fields, localTime, table } from '../text';
import { actAsWithPassword, idOf } from './key';
import { CATEGORY_OPTION, categoryName, categoryOf, count, integerOf, progressLine } from './records-options';
import { checkOutput, produceOutput } from '../output';

/**
 * The core words some refusals as BAD_INPUT (a batch in the wrong state,
 * nothing to prepare, a receipt imported twice). Without field issues they are
 * refusals of the desk's state, not mistakes in what was typed: exit 1.
 */
class Refusal extends CliError {
  override readonly exitCode: number = EXIT.failure;
}

export async function refusalsExit1<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    const issues = err instanceof CliError ? (err.details as { issues?: unknown } | undefined)?.issues : undefined;
    if (err instanceof CliError && err.code === 'BAD_INPUT' && issues === undefined) throw new Refusal(err.code, err.message, err.details);
    throw err;
  }
}

export const BATCH_ID: PositionalSpec = { name: 'id', value: '批次编号', description: '批次编号（batch list 中的“编号”）', required: true };

const batchIdOf = (value: string | undefined) => idOf('批次编号', value ?? '');

export const opName = (op: string) => OP_NAMES[op] ?? op;

/** Operations per category and kind, one row each. */
export function countsTable(counts: Record<string, Record<string, number>>): string {
  const rows = Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([category, ops]) => Object.entries(ops).map(([op, n]) => [`${categoryName(category)}（${category}）`, `${opName(op)}（${op}）`, count(n)]));
  return rows.length > 0 ? table(['类别', '操作', '条数'], rows) : '（没有操作）';
}

/** A batch's facts, as label/value lines. */
function batchFields(b: BatchView): string {
  const pairs: [string, string][] = [
    ['编号', String(b.batchId)],
    ['批次号', b.publicId],
    ['序号', String(b.sequence)],
    ['状态', `${STATE_NAMES[b.state] ?? b.state}（${b.state}）`],
    ['操作', `${count(b.operations)} 条`],
    ['准备', `${b.preparedBy}，${localTime(b.preparedAt)}`],
  ];
  if (b.decidedAt) {
    const what = b.state === 'approved' ? '审核签发' : b.state === 'returned' ? '退回' : b.state === 'cancelled' ? '撤销' : '处理';
    pairs.push([what, `${b.decidedBy ?? '—'}，${localTime(b.decidedAt)}`]);
  }
  if (b.reason) pairs.push(['原因', b.reason]);
  if (b.signerFingerprint) pairs.push(['签名密钥指纹', b.signerFingerprint]);
  if (b.manifestSm3) pairs.push(['清单 SM3', b.manifestSm3]);
  if (b.fileName) pairs.push(['文件名', b.fileName]);
  if (b.receiptAt) pairs.push(['平台回执', `${localTime(b.receiptAt)} 导入：接收 ${count(b.receipt?.accepted ?? 0)} 条，退回 ${count(b.receipt?.rejected ?? 0)} 条`]);
  return fields(pairs);
}

function describeBatch(head: string, b: BatchView, tail: string[] = []): CommandOutcome {
  return { data: { ...b }, text: [head, '', batchFields(b), '', countsTable(b.counts), ...(tail.length ? ['', ...tail] : [])].join('\n') };
}

function describeOperation(o: BatchOperationView, n: number): string {
  const head = `${n}. ${opName(o.op)}  ${categoryName(o.category)}  ${o.opId}  记录 ${o.recordId} 第 ${o.version} 版  ${o.subjectName}  ${o.decisionNo}`;
  const lines = o.changes.map((c) =>
    o.op === 'add' || c.before === null ? `     ${c.label}（${c.field}）：${c.after ?? '（空）'}` : `     ${c.label}（${c.field}）：${c.before} → ${c.after ?? '（空）'}`,
  );
  if (o.changes.length === 0) lines.push('     （与上次报送的版本相比没有字段变化）');
  if (o.receipt) {
    lines.push(
      o.receipt.status === 'accepted'
        ? '     平台回执：已接收'
        : `     平台回执：被退回${o.receipt.code ? `（${o.receipt.code}）` : ''}${o.receipt.message ? `：${o.receipt.message}` : ''}`,
    );
  }
  return [head, ...lines].join('\n');
}

/** Reads operations page by page (the contract gives at most 500 at a time). */
async function operationsOf(desk: DeskSession, batchId: number, category: string | undefined, offset: number, limit: number | null) {
  const items: BatchOperationView[] = [];
  let total = 0;
  for (let at = offset; ; ) {
    const want = limit === null ? 500 : Math.min(500, limit - items.length);
    if (want <= 0) break;
    const page = await desk.call('batches.operations', { batchId, ...(category ? { category } : {}), offset: at, limit: want });
    total = page.total;
    items.push(...page.items);
    at += page.items.length;
    if (page.items.length < want || at >= total) break;
  }
  return { total, items };
}

export const batchPrepareCommand = defineCommand({
  name: ['batch', 'prepare'],
  summary: '把全部待报送的操作冻结为下一个批次，交审核人审核（录入员）',
  details: [
    '新增、更正、撤回等待报送的操作全部进入新批次，取得下一个序号；此后再改动的记录进入再下一个批次，已准备的批次不会再变。',
    '同一时间只能有一个待审核的批次。--json 输出 {"batchId","sequence","operations",…}，batchId 即后续命令使用的批次编号。',
  ].join('\n'),
  options: { db: DB_OPTION, as: AS_OPTION },
  examples: [`${PASSWORD_ENV}=… credit-desk batch prepare --db 信用.db --as lisi --json`],

  async run(ctx) {
    return refusalsExit1(
      actAs(ctx, async (desk) => {
        const b = await desk.call('batches.prepare', {});
        const outcome = describeBatch(`已准备第 ${b.sequence} 批（编号 ${b.batchId}），共 ${count(b.operations)} 条操作，等待审核人审核签发。`, b, [
          `审核人查看：credit-desk batch show ${b.batchId} …；签发：credit-desk batch approve ${b.batchId} …`,
        ]);
        // The three keys scripts rely on come first.
        const { batchId, sequence, operations, ...rest } = b;
        return { ...outcome, data: { batchId, sequence, operations, ...rest } };
      }),
    );
  },
});

export const batchListCommand = defineCommand({
  name: ['batch', 'list'],
  summary: '列出全部批次及其状态（录入员、审核人、档案员、审计员）',
  options: { db: DB_OPTION, as: AS_OPTION },

  async run(ctx) {
    return actAs(ctx, async (desk, user) => {
      const batches = await desk.call('batches.list', {});
      // Only clerks and approvers see the queue (asking otherwise would be audited as a denial).
      const pending = user.roles.some((r) => r === 'clerk' || r === 'approver') ? await desk.call('batches.pending', {}) : null;
      const rows = batches.map((b) => [
        String(b.batchId),
        b.publicId,
        STATE_NAMES[b.state] ?? b.state,
        count(b.operations),
        `${b.preparedBy} ${localTime(b.preparedAt)}`,
        b.decidedAt ? `${b.decidedBy ?? ''} ${localTime(b.decidedAt)}` : '—',
        b.receipt ? `接收 ${count(b.receipt.accepted)} / 退回 ${count(b.receipt.rejected)}` : '—',
      ]);
      const lines = [batches.length > 0 ? table(['编号', '批次号', '状态', '操作', '准备', '审核/处理', '回执'], rows) : '还没有批次。'];
      if (pending) lines.push('', `待报送（尚未进入批次）的操作：${count(pending.total)} 条。`);
      return { data: { batches, ...(pending ? { pending } : {}) }, text: lines.join('\n') };
    });
  },
});

export const batchShowCommand = defineCommand({
  name: ['batch', 'show'],
  summary: '查看一个批次及其操作，逐字段列出与上次报送版本的差异（个人证件号码已遮蔽）',
  details: '新增操作列出全部字段；更正列出变化的字段（原值 → 新值）。默认显示前 200 条操作，--all 显示全部，--offset、--limit 翻页，--category 只看一个类别。',
  options: {
    db: DB_OPTION,
    as: AS_OPTION,
    category: CATEGORY_OPTION,
    offset: { type: 'string', value: '条数', description: '跳过前面若干条操作（默认 0）' },
    limit: { type: 'string', value: '条数', description: '最多显示的操作条数（默认 200）' },
    all: { type: 'boolean', description: '显示全部操作' },
  },
  positionals: [BATCH_ID],
  fieldOptions: { category: 'category' },
  examples: [`${PASSWORD_ENV}=… credit-desk batch show 3 --db 信用.db --as wangwu`],

  async run(ctx) {
    const { args } = ctx;
    const batchId = batchIdOf(args.positional('id'));
    const category = args.get('category') === undefined ? undefined : categoryOf(args.need('category'));
    const offset = integerOf('offset', args.get('offset'), 0, 1_000_000_000) ?? 0;
    if (args.flag('all') && args.get('limit') !== undefined) throw usage('--all 与 --limit 不能同时使用。');
    const limit = args.flag('all') ? null : (integerOf('limit', args.get('limit'), 1, 1_000_000_000) ?? 200);
    checkActingPassword(ctx);
    return actAs(ctx, async (desk) => {
      const b = await desk.call('batches.get', { batchId });
      const { total, items } = await operationsOf(desk, batchId, category, offset, limit);
      const lines = [`第 ${b.sequence} 批（编号 ${b.batchId}）`, '', batchFields(b), '', countsTable(b.counts), ''];
      if (items.length === 0) lines.push(total > 0 ? `共 ${count(total)} 条操作，本页（从第 ${offset + 1} 条起）没有操作。` : '没有操作。');
      else {
        lines.push(`操作${category ? `（${categoryName(category)}）` : ''}：第 ${count(offset + 1)}–${count(offset + items.length)} 条，共 ${count(total)} 条`, '');
        items.forEach((o, i) => lines.push(describeOperation(o, offset + i + 1)));
        if (offset + items.length < total) lines.push('', `……另有 ${count(total - offset - items.length)} 条未显示（--all 显示全部，或用 --offset ${offset + items.length} 继续）。`);
      }
      return { data: { ...b, items, itemsTotal: total, offset }, text: lines.join('\n') };
    });
  },
});

export const batchApproveCommand = defineCommand({
  name: ['batch', 'approve'],
  summary: '审核通过并用自己的签名密钥签发批次（审核人；准备该批次的人不能签发）',
  details: [
    '用 --as 用户的登录密码（CREDIT_DESK_PASSWORD，未设置时在终端中询问）解锁其签名密钥，生成批次数据、清单 manifest.json，',
    '以 SM2/SM3 签名。签发后批次不能再撤销；用 batch export 导出批次文件。签发前请用 batch show 查看差异。',
  ].join('\n'),
  options: { db: DB_OPTION, as: AS_OPTION },
  positionals: [BATCH_ID],
  examples: [`${PASSWORD_ENV}=… credit-desk batch approve 3 --db 信用.db --as wangwu`],

  async run(ctx) {
    const { args, io } = ctx;
    const batchId = batchIdOf(args.positional('id'));
    return refusalsExit1(
      actAsWithPassword(ctx, async (desk, user, password) => {
        // The core's own message points at the window; say what to run here.
        const keys = user.roles.includes('approver') ? await desk.call('keys.list', {}) : [];
        if (user.roles.includes('approver') && !keys.some((k) => k.login === user.login && k.active)) {
          throw new CliError('NOT_FOUND', `${user.login} 还没有签名密钥：请先运行 credit-desk key generate --db … --as ${user.login}。`);
        }
        const phases: Record<string, string> = { members: '正在生成批次数据', sign: '正在签名', store: '正在保存', done: '完成' };
        const progress = progressLine(io, (e) => `${phases[e.phase ?? ''] ?? '正在签发'}…`);
        let b: BatchView;
        try {
          b = await desk.call('batches.approve', { batchId, password }, { onProgress: progress.onProgress });
        } finally {
          progress.end();
        }
        return describeBatch(`已审核签发第 ${b.sequence} 批（${b.publicId}），共 ${count(b.operations)} 条操作。`, b, [
          `导出批次文件：credit-desk batch export ${b.batchId} --db … --as … --out 文件夹`,
        ]);
      }),
    );
  },
});

const reasonOption = (what: string) => ({ type: 'string', value: '原因', description: `${what}原因（2–500 字）`, required: true }) as const;

export const batchRejectCommand = defineCommand({
  name: ['batch', 'reject'],
  summary: '把待审核的批次退回录入员，说明原因（审核人）；其操作回到待报送',
  options: { db: DB_OPTION, as: AS_OPTION, reason: reasonOption('退回') },
  positionals: [BATCH_ID],
  fieldOptions: { reason: 'reason' },
  examples: [`${PASSWORD_ENV}=… credit-desk batch reject 3 --db 信用.db --as wangwu --reason 第12条罚款金额有误`],

  async run(ctx) {
    const batchId = batchIdOf(ctx.args.positional('id'));
    const reason = ctx.args.need('reason');
    await checkInput('batches.reject', { batchId, reason });
    return refusalsExit1(
      actAs(ctx, async (desk) => {
        const b = await desk.call('batches.reject', { batchId, reason });
        return describeBatch(`已退回第 ${b.sequence} 批（编号 ${b.batchId}）：其 ${count(b.operations)} 条操作回到待报送，序号留给下一个批次。`, b);
      }),
    );
  },
});

export const batchCancelCommand = defineCommand({
  name: ['batch', 'cancel'],
  summary: '撤销待审核的批次，说明原因（录入员）；其操作回到待报送',
  options: { db: DB_OPTION, as: AS_OPTION, reason: reasonOption('撤销') },
  positionals: [BATCH_ID],
  fieldOptions: { reason: 'reason' },
  examples: [`${PASSWORD_ENV}=… credit-desk batch cancel 3 --db 信用.db --as lisi --reason 漏了两条记录`],

  async run(ctx) {
    const batchId = batchIdOf(ctx.args.positional('id'));
    const reason = ctx.args.need('reason');
    await checkInput('batches.cancel', { batchId, reason });
    return refusalsExit1(
      actAs(ctx, async (desk) => {
        const b = await desk.call('batches.cancel', { batchId, reason });
        return describeBatch(`已撤销第 ${b.sequence} 批（编号 ${b.batchId}）：其 ${count(b.operations)} 条操作回到待报送，序号留给下一个批次。`, b);
      }),
    );
  },
});

export const batchExportCommand = defineCommand({
  name: ['batch', 'export'],
  summary: '把已签发的批次导出为一个可校验的 .zip 文件（录入员、审核人）',
  details: [
    '--out 为文件夹时，在其中写入标准文件名 <统一社会信用代码>-<6 位序号>-<签发日期>.zip；不覆盖已有的文件（除非 --force）。',
    '同一批次每次导出的文件逐字节相同。导出后可用 credit-desk verify 文件 --pubkey 公钥.pem 校验。',
  ].join('\n'),
  options: {
    db: DB_OPTION,
    as: AS_OPTION,
    out: { type: 'string', value: '文件.zip|文件夹', description: '写入此文件，或此文件夹中的标准文件名', required: true },
  },
  positionals: [BATCH_ID],
  examples: [`${PASSWORD_ENV}=… credit-desk batch export 3 --db 信用.db --as lisi --out ./报送/`],

  async run(ctx) {
    const { args, io } = ctx;
    const batchId = batchIdOf(args.positional('id'));
    const out = resolve(args.need('out'));
    const intoFolder = existsSync(out) && statSync(out).isDirectory();
    if (!intoFolder) {
      checkOutput(out);
      if (extname(out).toLowerCase() !== '.zip') throw usage(`--out 应为 .zip 文件或一个已有的文件夹：${out}`);
    }
    checkActingPassword(ctx);
    return refusalsExit1(
      actAs(ctx, async (desk) => {
        const b = await desk.call('batches.get', { batchId });
        if (b.state !== 'approved' || !b.fileName) {
          throw new Refusal('BAD_INPUT', `第 ${b.sequence} 批（编号 ${b.batchId}）${STATE_NAMES[b.state] ?? b.state}，尚未签发，不能导出。`);
        }
        const path = intoFolder ? join(out, b.fileName) : out;
        // Written beside the target and put in place at the end (output.ts): never a half-written batch file under its real name.
        const progress = progressLine(io, () => '正在导出批次文件…');
        try {
          await produceOutput(path, (temp) => desk.call('batches.exportFile', { batchId, path: temp }, { onProgress: progress.onProgress }));
        } finally {
          progress.end();
        }
        const bytes = statSync(path).size;
        const text = [
          `已导出第 ${b.sequence} 批（${b.publicId}）：${path}`,
          '',
          fields([
            ['文件', path],
            ['大小', `${count(bytes)} 字节`],
            ['操作', `${count(b.operations)} 条`],
            ['签名密钥指纹', b.signerFingerprint ?? '—'],
            ['清单 SM3', b.manifestSm3 ?? '—'],
          ]),
          '',
          `校验：credit-desk verify "${path}" --pubkey 审核人公钥.pem`,
        ].join('\n');
        return {
          data: { batchId: b.batchId, publicId: b.publicId, sequence: b.sequence, path, fileName: basename(path), bytes, operations: b.operations, manifestSm3: b.manifestSm3, signerFingerprint: b.signerFingerprint },
          text,
        };
      }),
    );
  },
});
