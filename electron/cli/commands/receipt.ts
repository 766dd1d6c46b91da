/**
 * `receipt import`: the platform's answer to a batch (`credit-desk-receipt/1`,
 * .json or .xlsx). Accepted operations mark their records 已接收; rejected ones
 * 被退回 with the platform's reason, into the clerks' 待整改 queue. A receipt for
 * an unknown batch, naming an operation not in it, or imported twice is refused
 * (exit 1) and changes nothing.
 */
import { existsSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { AS_OPTION, DB_OPTION } from '../args';
import { defineCommand } from '../command';
import { usage } from '../errors';
import { actAs, checkActingPassword } from '../acting';
import { PASSWORD_ENV } from '../secrets';
import { fields } from '../text';
import { refusalsExit1 } from './batch';
import { count } from './records-options';

export const receiptImportCommand = defineCommand({
  name: ['receipt', 'import'],
  summary: '导入平台对批次的回执（.json 或 .xlsx），标记记录已接收或被退回（录入员、审核人）',
  details: [
    '回执格式见 docs/batch-format.md（credit-desk-receipt/1）。被退回的记录连同平台的代码和说明进入待整改，改正后进入下一个批次。',
    '回执所指的批次不存在或尚未签发、含有不属于该批次的操作编号、或该批次的回执已导入过时，拒绝导入（退出码 1），不做任何改动。',
  ].join('\n'),
  options: { db: DB_OPTION, as: AS_OPTION },
  positionals: [{ name: 'file', value: '回执.json|回执.xlsx', description: '平台的回执文件', required: true }],
  examples: [`${PASSWORD_ENV}=… credit-desk receipt import --db 信用.db --as lisi 91350200776049653A-000001-回执.json`],

  async run(ctx) {
    const path = resolve(ctx.args.positional('file')!);
    const ext = extname(path).toLowerCase();
    if (ext !== '.json' && ext !== '.xlsx') throw usage(`回执应为 .json 或 .xlsx 文件：${path}`);
    if (!existsSync(path) || !statSync(path).isFile()) throw usage(`文件不存在：${path}`);
    checkActingPassword(ctx);
    return refusalsExit1(
      actAs(ctx, async (desk) => {
        const r = await desk.call('receipts.importFile', { path });
        const text = [
          `已导入批次 ${r.publicId} 的回执：接收 ${count(r.accepted)} 条，退回 ${count(r.rejected)} 条。`,
          '',
          fields([
            ['文件', path],
            ['批次', `${r.publicId}（编号 ${r.batchId}）`],
            ['接收', `${count(r.accepted)} 条`],
            ['退回', `${count(r.rejected)} 条`],
            ['状态有变化的记录', `${count(r.recordsUpdated)} 条（回执之前又更正过的记录保持其较新的状态）`],
          ]),
          ...(r.rejected > 0 ? ['', '被退回的记录在待整改中：credit-desk search --db … --as … --state rejected'] : []),
        ].join('\n');
        return { data: { ...r, file: path }, text };
      }),
    );
  },
});
