/**
 * `verify FILE`: checks a batch file as it left the office, without a
 * database and without logging in — what a platform (or anyone holding the
 * department's public keys) runs. Exit 0 with a summary when valid; exit 1
 * naming the first problem with its code; exit 2 for a missing file.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Manifest } from '../../core/batches/format';
import type { VerifyCode } from '../../core/batches/verify';
import { defineCommand } from '../command';
import { EXIT, usage } from '../errors';
import { fields, localTime } from '../text';
import { countsTable } from './batch';
import { count } from './records-options';

/** What each code means, for the person reading the failure. */
export const VERIFY_CODES: Record<VerifyCode, string> = {
  UNSAFE_ARCHIVE: '压缩包不安全（绝对路径、“..”、重名成员或疑似压缩炸弹）',
  MALFORMED: '不是有效的批次文件（zip 或清单无法读取）',
  BAD_SIGNATURE: '签名无效：manifest.json 被改动，或签名与 signer.pem 不符',
  UNKNOWN_SIGNER: '签名人不在给定的公钥之中',
  MEMBER_MISSING: '缺少成员',
  MEMBER_EXTRA: '多出清单未列的成员',
  MEMBER_SIZE: '成员大小与清单不符',
  MEMBER_DIGEST: '成员内容与清单摘要不符（被改动）',
  SEQUENCE_BREAK: '批次序号不紧接上一批（重放、缺批或顺序颠倒）',
  PREVIOUS_DIGEST: '与上一批的摘要链断裂',
};

const CHAIN_CODES: ReadonlySet<string> = new Set(['SEQUENCE_BREAK', 'PREVIOUS_DIGEST']);

function existingFile(what: string, value: string): string {
  const path = resolve(value);
  if (!existsSync(path)) throw usage(`${what}不存在：${path}`);
  if (!statSync(path).isFile()) throw usage(`${what}不是文件：${path}`);
  return path;
}

/** Every SM2 public key in a PEM file (one file may hold several); a usage error when there is none. */
function publicKeysIn(path: string, parsePublicKeyPem: (pem: string) => unknown): string[] {
  const text = readFileSync(path, 'utf8');
  const blocks = text.match(/-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g) ?? [];
  const keys = blocks.filter((b) => parsePublicKeyPem(b) !== null).map((b) => `${b}\n`);
  if (keys.length === 0) throw usage(`--pubkey 文件中没有 SM2 公钥（PEM SubjectPublicKeyInfo）：${path}`);
  return keys;
}

function summary(m: Manifest): Record<string, unknown> {
  return {
    batchId: m.batchId,
    department: m.department,
    sequence: m.sequence,
    previousManifestSm3: m.previousManifestSm3,
    prepared: m.prepared,
    approved: m.approved,
    operations: m.operations,
    counts: m.counts,
    members: m.members,
  };
}

export const verifyCommand = defineCommand({
  name: ['verify'],
  summary: '校验批次文件：签名、每个成员的大小和摘要、签名人、与上一批的衔接（无需数据库和登录）',
  details: [
    '文件有效时退出码为 0 并显示摘要；否则退出码为 1，指出第一个问题及其代码：',
    ...Object.entries(VERIFY_CODES).map(([code, text]) => `  ${code.padEnd(16)} ${text}`),
    '',
    '不给 --pubkey 时只能证明文件自身一致（签名与文件内的 signer.pem 相符），不能证明签名人是谁：',
    '请用部门登记的审核人公钥（key export 导出）校验。--pubkey 可多次给出（例如密钥轮换前后的公钥）。',
    '给出 --previous（上一批的文件）时，还核对序号紧接上一批、清单中的上一批摘要与之相符。',
    '文件或公钥文件不存在时退出码为 2。',
  ].join('\n'),
  options: {
    pubkey: { type: 'string', value: '公钥.pem', description: '部门登记的审核人公钥（PEM）；签名人须为其中之一；可多次给出', multiple: true },
    previous: { type: 'string', value: '文件.zip', description: '上一批的批次文件：核对序号与摘要链' },
  },
  positionals: [{ name: 'file', value: '文件.zip', description: '要校验的批次文件', required: true }],
  examples: ['credit-desk verify 91350200776049653A-000002-20261126.zip --pubkey wangwu.pem --previous 91350200776049653A-000001-20261120.zip'],

  async run({ args }) {
    const file = existingFile('批次文件', args.positional('file')!);
    const pubkeyFiles = args.all('pubkey').map((p) => existingFile('--pubkey 公钥文件', p));
    const previous = args.get('previous') === undefined ? undefined : existingFile('--previous 上一批文件', args.need('previous'));
    // Loaded here, not with the command table: `help` must not wait for the SM2 code.
    const { parsePublicKeyPem } = await import('../../core/batches/sm2');
    const { verifyBatchFile } = await import('../../core/batches/verify');
    const publicKeys = pubkeyFiles.flatMap((p) => publicKeysIn(p, parsePublicKeyPem));

    const options = { ...(publicKeys.length ? { publicKeys } : {}) };
    let result = await verifyBatchFile(file, { ...options, ...(previous ? { previous } : {}) });
    let blame = file;
    // verifyBatchFile checks the previous file too and does not say which one failed: find out.
    if (!result.ok && previous && !CHAIN_CODES.has(result.code ?? '')) {
      const alone = await verifyBatchFile(file, options);
      if (alone.ok) blame = previous;
      else result = alone;
    }

    if (!result.ok || !result.manifest) {
      const code = result.code ?? 'MALFORMED';
      const reason = blame === file ? (result.reason ?? '原因不明') : `上一批文件 ${previous} 未通过校验：${result.reason ?? '原因不明'}`;
      return {
        data: { ok: false, code, reason, file: blame },
        text: `校验未通过：${VERIFY_CODES[code as VerifyCode] ?? code}。\n文件：${blame}`,
        exitCode: EXIT.failure,
        problem: { code, message: reason },
      };
    }

    const m = result.manifest;
    const signerCheck = publicKeys.length
      ? `已核对：签名人是给定的 ${publicKeys.length} 个公钥之一`
      : '未核对：没有给出 --pubkey，只证明文件自身一致，不能证明签名人是谁';
    const chain = m.sequence === 1 ? '第一批（没有上一批）' : `上一批清单 SM3 ${m.previousManifestSm3}`;
    const text = [
      `校验通过：批次文件完整，签名有效${publicKeys.length ? '，签名人已核对' : ''}。`,
      '',
      fields([
        ['文件', file],
        ['部门', `${m.department.name}（${m.department.uscc}，区划 ${m.department.regionCode}）`],
        ['批次号', m.batchId],
        ['序号', `${m.sequence}；${chain}`],
        ['操作', `${count(m.operations)} 条`],
        ['准备', `${m.prepared.by}，${localTime(m.prepared.at)}（${m.prepared.at}）`],
        ['审核签发', `${m.approved.by}，${localTime(m.approved.at)}（${m.approved.at}）`],
        ['签名人指纹', result.signerFingerprint ?? '—'],
        ['签名人', signerCheck],
        ...(previous ? [['上一批', `已核对：紧接 ${previous}，摘要链完整`] as [string, string]] : []),
        ['清单 SM3', result.manifestSm3 ?? '—'],
        ['数据成员', m.members.map((x) => `${x.path}（${count(x.size)} 字节）`).join('、')],
      ]),
      '',
      countsTable(m.counts),
    ].join('\n');
    return {
      data: {
        ok: true,
        file,
        ...summary(m),
        signerFingerprint: result.signerFingerprint,
        manifestSm3: result.manifestSm3,
        signerChecked: publicKeys.length > 0,
        previousChecked: previous !== undefined,
      },
      text,
    };
  },
});
