/**
 * Printing from the command line: the same PDFs the app prints (credit file,
 * batch approval sheet, key registration sheet), written to a file; the print
 * log; and `print lookup`, which tells whoever finds a paper copy what it was
 * and whether a given PDF is exactly that print (exit 0 when it is, 1 when not).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { PrintPayload } from '../../contract/print';
import { AS_OPTION, DB_OPTION, type OptionSpec } from '../args';
import { defineCommand, type CommandOutcome } from '../command';
import { EXIT, usage } from '../errors';
import { actAs } from '../acting';
import { PASSWORD_ENV } from '../secrets';
import { fields, localTime, table } from '../text';
import { refusalsExit1 } from './batch';
import { idOf } from './key';
import { checkOutput, writeOutput } from '../output';

export const OUT_OPTION: OptionSpec = {
  type: 'string',
  value: '文件.pdf',
  required: true,
  description: '写入此 PDF 文件（为文件夹时，在其中写入标准文件名）；不覆盖已有的文件（除非 --force），从不写入部门数据库及其附属文件',
};

const KIND_NAMES: Record<string, string> = { 'credit-file': '信用档案', 'batch-sheet': '批次审核单', 'key-sheet': '签名公钥登记表', letter: '案件文书', 'check-result': '信用核查结果', 'case-sheet': '案件审批表', 'monthly-report': '月度报送情况', manual: '用户手册' };

/**
 * Where --out points: a file, or a folder for the document's own file name. A file is
 * checked by the output guard at once (before anything is printed); every path is
 * checked again when written (cli/output.ts).
 */
export function outTarget(out: string): (fileName: string) => string {
  const path = resolve(out);
  if (existsSync(path) && statSync(path).isDirectory()) return (fileName) => join(path, fileName);
  checkOutput(path);
  return () => path;
}

/** Writes the PDF (through the output guard) and says what was printed; `--json` gives {path, pages, bytes, printNo, sm3}. */
export function printed(payload: PrintPayload, where: (fileName: string) => string, what: string): CommandOutcome {
  const path = writeOutput(where(payload.fileName), Buffer.from(payload.content, 'base64'));
  const data = { path, pages: payload.pages, bytes: payload.bytes, printNo: payload.printNo, sm3: payload.sm3, missingGlyphs: payload.missingGlyphs };
  const lines = [
    `已打印${what}：${path}`,
    '',
    fields([
      ['打印编号', payload.printNo],
      ['页数', String(payload.pages)],
      ['大小', `${payload.bytes.toLocaleString('zh-CN')} 字节`],
      ['SM3', payload.sm3],
    ]),
  ];
  if (payload.missingGlyphs.length > 0) lines.push('', `注意：字体中没有这些字符，已印为方框：${payload.missingGlyphs.join(' ')}`);
  return { data, text: lines.join('\n') };
}

/** Writes a file the core made that is not a print (an .xlsx of a report) where --out points: the same path rules as `printed`. */
export function savedFile(file: { fileName: string; content: string }, where: (fileName: string) => string): { path: string; bytes: number } {
  const bytes = Buffer.from(file.content, 'base64');
  const path = writeOutput(where(file.fileName), bytes);
  return { path, bytes: bytes.length };
}

export const printCreditFileCommand = defineCommand({
  name: ['print', 'credit-file'],
  summary: '打印信用主体的信用档案（PDF）',
  details: [
    '--subject 为统一社会信用代码或证件号码。档案列出本部门掌握的该主体全部信用记录；--with-history 附上每条记录的各个版本（何人、何时、为何、改了什么）。',
    '证件号码默认遮蔽；--unmask 打印完整号码，须有查看完整号码的权限并用 --reason 说明理由，理由记入打印记录和审计日志。',
  ].join('\n'),
  options: {
    db: DB_OPTION,
    as: AS_OPTION,
    subject: { type: 'string', value: '代码', required: true, description: '信用主体的统一社会信用代码或证件号码' },
    'with-history': { type: 'boolean', description: '附上每条记录的版本历史' },
    unmask: { type: 'boolean', description: '打印完整的证件号码（须同时给出 --reason）' },
    reason: { type: 'string', value: '理由', description: '打印完整证件号码的理由（至少 4 个字）' },
    out: OUT_OPTION,
  },
  examples: [`${PASSWORD_ENV}=… credit-desk print credit-file --db 信用.db --as zhao --subject 91350200776049653A --with-history --out 档案.pdf`],

  async run(ctx) {
    const { args } = ctx;
    const where = outTarget(args.need('out'));
    const unmask = args.flag('unmask');
    const reason = args.get('reason');
    if (unmask && !reason) throw usage('--unmask 须同时用 --reason 说明打印完整证件号码的理由。');
    if (!unmask && reason) throw usage('--reason 只与 --unmask 一起使用。');
    return refusalsExit1(
      actAs(ctx, async (desk) =>
        printed(
          await desk.call('print.creditFile', { code: args.need('subject'), withHistory: args.flag('with-history'), ...(unmask ? { unmaskReason: reason } : {}) }),
          where,
          '信用档案',
        ),
      ),
    );
  },
});

export const printCheckCommand = defineCommand({
  name: ['print', 'check'],
  summary: '打印信用核查结果（PDF：核查主体、事项、核查的名单及版本、发现的记录及措施、核查人、时间、核查编号）',
  details: '录入员只能打印自己所做的核查；审核人、审计员可打印全部核查。证件号码遮蔽显示。打印记入打印记录和审计日志。',
  options: { db: DB_OPTION, as: AS_OPTION, out: OUT_OPTION },
  positionals: [{ name: 'checkNo', value: '核查编号', description: '核查编号（如 HC2026-000123）', required: true }],
  examples: [`${PASSWORD_ENV}=… credit-desk print check HC2026-000123 --db 信用.db --as lisi --out 核查结果.pdf`],

  async run(ctx) {
    const checkNo = ctx.args.positional('checkNo')!.trim();
    const where = outTarget(ctx.args.need('out'));
    return refusalsExit1(actAs(ctx, async (desk) => printed(await desk.call('print.checkResult', { checkNo }), where, '信用核查结果')));
  },
});

export const printBatchSheetCommand = defineCommand({
  name: ['print', 'batch-sheet'],
  summary: '打印已签发批次的批次审核单（PDF，含批次摘要及其二维码）',
  options: { db: DB_OPTION, as: AS_OPTION, out: OUT_OPTION },
  positionals: [{ name: 'id', value: '批次编号', description: '批次编号（batch list 中的“编号”）', required: true }],
  examples: [`${PASSWORD_ENV}=… credit-desk print batch-sheet 3 --db 信用.db --as li --out 审核单.pdf`],

  async run(ctx) {
    const batchId = idOf('批次编号', ctx.args.positional('id') ?? '');
    const where = outTarget(ctx.args.need('out'));
    return refusalsExit1(actAs(ctx, async (desk) => printed(await desk.call('print.batchSheet', { batchId }), where, '批次审核单')));
  },
});

export const printKeySheetCommand = defineCommand({
  name: ['print', 'key-sheet'],
  summary: '打印审核人的签名公钥登记表（PDF，含公钥、指纹及其二维码）',
  options: {
    db: DB_OPTION,
    as: AS_OPTION,
    login: { type: 'string', value: '登录名', required: true, description: '审核人的登录名（打印其使用中的签名密钥）' },
    out: OUT_OPTION,
  },
  examples: [`${PASSWORD_ENV}=… credit-desk print key-sheet --db 信用.db --as zhao --login wangwu --out 公钥登记表.pdf`],

  async run(ctx) {
    const where = outTarget(ctx.args.need('out'));
    return refusalsExit1(actAs(ctx, async (desk) => printed(await desk.call('print.keySheet', { login: ctx.args.need('login') }), where, '签名公钥登记表')));
  },
});

export const printManualCommand = defineCommand({
  name: ['print', 'manual'],
  summary: '打印用户手册（PDF：目录及页码、各章、界面截图）',
  details: '与程序中“帮助 → 用户手册”的内容相同，经打印引擎排版：目录带页码，每页有“第 k 页 共 n 页”和打印编号。任何已登录的用户都可打印；打印记入打印记录和审计日志。',
  options: { db: DB_OPTION, as: AS_OPTION, out: OUT_OPTION },
  examples: [`${PASSWORD_ENV}=… credit-desk print manual --db 信用.db --as li --out 用户手册.pdf`],

  async run(ctx) {
    const where = outTarget(ctx.args.need('out'));
    return refusalsExit1(actAs(ctx, async (desk) => printed(await desk.call('print.manual', {}), where, '用户手册')));
  },
});

export const printLogCommand = defineCommand({
  name: ['print', 'log'],
  summary: '查看打印记录（档案员、审计员、系统管理员）',
  options: {
    db: DB_OPTION,
    as: AS_OPTION,
    query: { type: 'string', value: '文字', description: '打印编号，或所打印对象名称中的文字' },
    limit: { type: 'string', value: '条数', description: '最多列出多少条（默认 50）' },
  },

  async run(ctx) {
    const limit = ctx.args.get('limit') === undefined ? 50 : idOf('--limit（条数）', ctx.args.need('limit'));
    return actAs(ctx, async (desk) => {
      const log = await desk.call('print.log', { query: ctx.args.get('query'), limit: Math.min(limit, 500) });
      const rows = log.items.map((e) => [
        e.printNo,
        KIND_NAMES[e.kind] ?? e.title,
        e.targetLabel,
        e.state === 'done' ? String(e.pages) : e.state === 'failed' ? '失败' : '未完成',
        e.masked ? '遮蔽' : '完整',
        `${e.printedByName}（${e.printedBy}）`,
        localTime(e.printedAt),
      ]);
      return {
        data: log,
        text: log.total === 0 ? '没有打印记录。' : `${table(['打印编号', '文件', '对象', '页数', '证件号码', '打印人', '时间'], rows)}\n\n共 ${log.total} 条打印记录。`,
      };
    });
  },
});

export const printLookupCommand = defineCommand({
  name: ['print', 'lookup'],
  summary: '按打印编号查验一份打印件：它是什么，给定的 PDF 是否正是这次打印（档案员、审计员、审核人；每次查验记入审计日志）',
  details: '给出 --file 时比对该 PDF 的 SM3 与打印时记录的 SM3：一致退出码为 0，不一致为 1。',
  options: {
    db: DB_OPTION,
    as: AS_OPTION,
    file: { type: 'string', value: '文件.pdf', description: '要比对的 PDF 文件' },
  },
  positionals: [{ name: 'printNo', value: '打印编号', description: '纸面页脚上的打印编号，如 P2026-000123', required: true }],
  examples: [`${PASSWORD_ENV}=… credit-desk print lookup P2026-000123 --db 信用.db --as zhao --file 档案.pdf`],

  async run(ctx) {
    const printNo = ctx.args.positional('printNo')!;
    const fileArg = ctx.args.get('file');
    let content: string | undefined;
    if (fileArg !== undefined) {
      const path = resolve(fileArg);
      if (!existsSync(path) || !statSync(path).isFile()) throw usage(`文件不存在：${path}`);
      content = readFileSync(path).toString('base64');
    }
    return actAs(ctx, async (desk) => {
      const found = await desk.call('print.lookup', { printNo, content });
      const e = found.entry;
      const text = [
        fields([
          ['打印编号', e.printNo],
          ['文件', `${KIND_NAMES[e.kind] ?? e.title}：${e.targetLabel}`],
          ['打印人', `${e.printedByName}（${e.printedBy}）`],
          ['时间', localTime(e.printedAt)],
          ['页数', e.pages === null ? '—' : String(e.pages)],
          ['证件号码', e.masked ? '遮蔽' : `完整（理由：${e.unmaskReason ?? ''}）`],
          ['SM3', e.sm3 ?? (e.state === 'failed' ? `打印失败：${e.error ?? ''}` : '未完成')],
        ]),
        ...(found.matches === null ? [] : ['', found.matches ? '给定的 PDF 正是这次打印的文件。' : `给定的 PDF 不是这次打印的文件（其 SM3 为 ${found.fileSm3}）。`]),
      ].join('\n');
      const outcome: CommandOutcome = { data: { ...found }, text };
      if (found.matches === false) {
        outcome.exitCode = EXIT.failure;
        outcome.problem = { code: 'PRINT_MISMATCH', message: `文件与打印编号 ${e.printNo} 的打印件不一致。` };
      }
      return outcome;
    });
  },
});
