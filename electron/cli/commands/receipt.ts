/**
 * `receipt import`: the platform's answer to a batch (`credit-desk-receipt/1`,
 * .json or .xlsx). Accepted operations mark their records 已接收; rejected ones
 * 被退回 with the platform's reason, into the clerks' 待整改 queue. A receipt for
 * an unknown batch, naming an operation not in it, or imported twice is refused
 * (exit 1) and changes nothing.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { AS_OPTION, DB_OPTION } from '../args';
import { defineCommand } from '../command';
import { usage } from '../errors';
import { actAs, checkActingPassword } from '../acting';
import { PASSWORD_ENV } from '../secrets';
import { fields } from '../text';
import { refusalsExit1 } from './batch';
import { count } from './records-options';
import { checkOutput, writeOutput } from '../output';

export const receiptImportCommand = defineCommand({
  name: ['receipt', 'import'],
  summary: '导入平台对批次的回执（.json 或 .xlsx），标记记录已接收或被退回（录入员、审核人）',
  details: [
    '回执格式见 docs/batch-format.md：平台签名的回执（credit-desk-receipt/2，签名人须是已固定的平台公钥）录入员、审核人均可导入；',
    '未签名的回执（credit-desk-receipt/1 或 .xlsx）无法证明来自平台，只能由审核人核对来源后加 --confirm-unsigned 导入，审计日志记下它未经认证。',
    '被退回的记录连同平台的代码和说明进入待整改，改正后进入下一个批次。',
    '回执所指的批次不存在或尚未签发、含有不属于该批次的操作编号、或该批次的回执已导入过时，拒绝导入（退出码 1），不做任何改动。',
  ].join('\n'),
  options: {
    db: DB_OPTION,
    as: AS_OPTION,
    'confirm-unsigned': { type: 'boolean', description: '审核人确认导入没有平台签名的回执（已核对来源）' },
  },
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
        const r = await desk.call('receipts.importFile', { path, confirmUnsigned: ctx.args.flag('confirm-unsigned') });
        const text = [
          `已导入批次 ${r.publicId} 的回执：接收 ${count(r.accepted)} 条，退回 ${count(r.rejected)} 条。`,
          r.signed ? '回执有平台签名（已固定的平台公钥）。' : '回执没有平台签名：经审核人确认导入，审计日志记为未经认证。',
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

export const receiptPackCommand = defineCommand({
  name: ['receipt', 'pack'],
  summary: '给回执签名（平台一方、测试用）：credit-desk-receipt/1 回执 + 平台 SM2 私钥 → credit-desk-receipt/2',
  details: [
    '签名回执是一个 JSON：format 为 credit-desk-receipt/2，receipt 为回执原文（credit-desk-receipt/1 的 JSON 文字），',
    'signature 为对原文 UTF-8 字节的 SM2 签名（DER，Base64，用户标识 1234567812345678），signer 为平台公钥（PEM）。见 docs/batch-format.md。',
    '部门须先固定这把公钥（信用核查 → 共享名单，或 list pin）才能导入它签名的回执。不需要部门数据库。',
  ].join('\n'),
  options: {
    receipt: { type: 'string', value: '回执.json', description: 'credit-desk-receipt/1 回执', required: true },
    key: { type: 'string', value: '私钥.pem', description: '平台的 SM2 私钥（PKCS#8 或 SEC1 PEM，未加密）', required: true },
    out: { type: 'string', value: '签名回执.json', description: '输出文件（不覆盖已有的文件，除非 --force）', required: true },
  },
  examples: ['credit-desk receipt pack --receipt 91350200776049653A-000001-回执.json --key 平台私钥.pem --out 91350200776049653A-000001-回执-签名.json'],

  async run({ args }) {
    const read = (option: 'receipt' | 'key', what: string) => {
      const path = resolve(args.need(option));
      if (!existsSync(path) || !statSync(path).isFile()) throw usage(`${what}不存在：${path}`);
      return readFileSync(path, 'utf8');
    };
    const out = checkOutput(args.need('out'));
    const text = read('receipt', '回执文件');
    const keyPem = read('key', '私钥文件');
    // Loaded here, not at start-up (SM2).
    const { packReceipt } = await import('../../core/batches/receipt');
    let signed: string;
    try {
      signed = packReceipt(text, keyPem);
    } catch (err) {
      throw usage(err instanceof Error ? err.message : String(err));
    }
    const envelope = JSON.parse(signed) as { signer: string };
    writeOutput(out, signed);
    return { data: { out, format: 'credit-desk-receipt/2', signer: envelope.signer }, text: `已生成签名回执：${out}` };
  },
});
