import type { AuditAnchor, AuditVerifyResult } from '../../contract/types';
import { AS_OPTION, DB_OPTION } from '../args';
import { anchorContext, anchorFromFile, normaliseFingerprint } from '../anchors';
import { defineCommand } from '../command';
import { EXIT, usage } from '../errors';
import { actAs } from '../acting';
import { table } from '../text';

const RESULT_LABELS: Record<AuditVerifyResult['anchors'][number]['result'], string> = {
  match: '一致',
  mismatch: '不符',
  'beyond-end': '日志不到此处',
  'bad-signature': '签名不成立',
};

export const auditVerifyCommand = defineCommand({
  name: ['audit', 'verify'],
  summary: '校验审计日志的哈希链，并与外部锚点核对（审计员、系统管理员）',
  details: [
    '重新计算整条哈希链，并与锚点核对：锚点是某一时刻日志的最新位置（序号和哈希），记在数据库之外——',
    '每个签发批次的清单（平台保存）、每个备份、打印的批次审批单上。数据库中已签发批次的清单会自动核对；',
    '--anchor 给出批次文件（.zip）或备份文件（.cdbackup），可多次给出。批次文件须用 --fingerprint 给出签名公钥的指纹（签名公钥登记表上所印，或其二维码），',
    '不以数据库中保存的公钥为凭；另一个部门或另一个数据库的锚点一律拒绝；第 0 条（空日志）不算锚点。',
    '--anchor-seq 与 --anchor-hash 给出审批单上打印的锚点。',
    '锚点之前的记录被改动、删除或重新计算哈希，或锚点之后的记录被删除，都会被发现；最新锚点之后的记录只受数据库保护。',
    '链完整且所有锚点一致时退出码为 0；否则为 1，并指出第一处问题。',
  ].join('\n'),
  options: {
    db: DB_OPTION,
    as: AS_OPTION,
    anchor: { type: 'string', value: '文件', description: '锚点文件：批次文件（.zip）或备份文件（.cdbackup）；可多次给出', multiple: true },
    'anchor-seq': { type: 'string', value: '序号', description: '打印的锚点：审计日志序号（与 --anchor-hash 一起给出）' },
    'anchor-hash': { type: 'string', value: '哈希', description: '打印的锚点：该序号处的哈希（64 位十六进制）' },
    fingerprint: {
      type: 'string',
      value: '指纹',
      description: '审核人签名公钥的 SM3 指纹（签名公钥登记表上所印，或其二维码），用于核对作锚点的批次文件；可多次给出',
      multiple: true,
    },
  },
  examples: ['credit-desk audit verify --db 信用.db --as auditor --anchor 91350200776049653A-000007-20261126.zip --fingerprint "3F2A 9C01 …" --anchor 备份/91350200776049653A-20261201-020000.cdbackup'],

  async run(ctx) {
    const { args } = ctx;
    const seqText = args.get('anchor-seq');
    const hashText = args.get('anchor-hash');
    if ((seqText === undefined) !== (hashText === undefined)) throw usage('--anchor-seq 与 --anchor-hash 须一起给出。');
    const printed: AuditAnchor[] = [];
    if (seqText !== undefined && hashText !== undefined) {
      const seq = Number(seqText);
      if (!Number.isSafeInteger(seq) || seq < 0) throw usage(`--anchor-seq 应为非负整数：${seqText}`);
      if (!/^[0-9a-fA-F]{64}$/.test(hashText)) throw usage('--anchor-hash 应为 64 位十六进制。');
      if (seq === 0) throw usage('第 0 条是空日志的位置，任何日志都与之一致，不能作锚点：请给出审批单上所印的序号和哈希。');
      printed.push({ source: '给出的锚点', seq, hash: hashText.toLowerCase() });
    }
    const fingerprints = args.all('fingerprint');
    fingerprints.forEach(normaliseFingerprint); // a malformed one is a usage error before logging in
    return actAs(ctx, async (desk) => {
      const anchors = [...printed];
      const empty: string[] = [];
      const context = await anchorContext(desk, fingerprints);
      for (const file of args.all('anchor')) {
        const anchor = await anchorFromFile(file, context);
        if ('empty' in anchor) empty.push(anchor.empty);
        else anchors.push(anchor);
      }
      const result = await desk.call('audit.verify', { anchors });
      const anchorText = result.anchors.length
        ? table(
            ['锚点', '序号', '结果'],
            result.anchors.map((a) => [a.source, String(a.seq), RESULT_LABELS[a.result]]),
          )
        : '没有可核对的锚点：只证明了链本身完整，不能排除持有密钥的人重写整条日志。';
      const emptyText = empty.length ? `${empty.join('、')} 记载的是空日志（第 0 条），不作为锚点。` : '';
      const unanchored = result.newestAnchoredSeq === null ? result.checked : result.checked - result.newestAnchoredSeq;
      if (result.ok) {
        return {
          data: { ...result },
          text: [
            `审计日志完整：已校验 ${result.checked} 条记录，哈希链无断裂${result.anchors.length ? `，${result.anchors.length} 个锚点全部一致` : ''}。`,
            anchorText,
            emptyText,
            result.newestAnchoredSeq !== null && unanchored > 0 ? `最新锚点（第 ${result.newestAnchoredSeq} 条）之后的 ${unanchored} 条记录尚无外部锚点。` : '',
          ]
            .filter(Boolean)
            .join('\n'),
        };
      }
      const broken = result.firstBroken;
      const badAnchor = result.anchors.find((a) => a.result !== 'match');
      const where = broken ? `第 ${broken.seq} 条记录：${broken.reason}` : badAnchor ? badAnchor.message : '原因不明';
      return {
        data: { ...result },
        text: [`审计日志校验未通过：在第一处问题之前已校验 ${result.checked} 条记录。`, anchorText, emptyText].filter(Boolean).join('\n'),
        exitCode: EXIT.failure,
        problem: { code: 'AUDIT_BROKEN', message: `审计日志已被修改或损坏，${where}。` },
      };
    });
  },
});
