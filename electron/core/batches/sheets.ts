/**
 * Paper for signed batches: the 批次审核单 a department head signs for every
 * batch that leaves the office (with the manifest's SM3 as text and as a QR
 * code, so the paper names exactly one file), and the 签名公钥登记表 with which
 * an approver registers their public key with the platform.
 */
import { eq, sql } from 'drizzle-orm';
import { batches, receiptResults, users } from '../../../drizzle/schema';
import { getCategory, hasCategory } from '../catalog/registry';
import { getDepartment } from '../department/service';
import { CoreError } from '../errors';
import type { Block, PrintDocument } from '../print/model';
import { chinaDate, chinaDateTime } from '../print/time';
import type { SqliteDatabase } from '../store/database';
import { orm } from '../store/orm';
import { batchFileName, type Manifest } from './format';
import { pemOf, signingKeyById } from './keys';
import { OP_NAMES } from './package';
import { getBatch } from './service';

/** What a batch's QR code holds: `credit-desk-batch:<batchId>:<manifest SM3 hex>`. */
export function batchQrText(batchId: string, manifestSm3: string): string {
  return `credit-desk-batch:${batchId}:${manifestSm3}`;
}

function personName(db: SqliteDatabase, login: string | null): string {
  if (!login) return '—';
  const row = orm(db).select({ name: users.name }).from(users).where(eq(users.login, login)).get();
  return row ? `${row.name}（${login}）` : login;
}

function categoryName(key: string): string {
  return hasCategory(key) ? getCategory(key).name : key;
}

export function buildBatchSheet(db: SqliteDatabase, batchId: number): PrintDocument {
  const batch = getBatch(db, batchId);
  const stored = orm(db).select({ manifest: batches.manifest }).from(batches).where(eq(batches.id, batchId)).get()!;
  if (batch.state !== 'approved' || !stored.manifest || !batch.manifestSm3) {
    throw new CoreError('BAD_INPUT', `第 ${batch.sequence} 批尚未签发，审核单在签发之后打印（它载明签发文件的摘要）。`);
  }
  // The department and times as signed: the paper names exactly what left the office.
  const manifest = JSON.parse(stored.manifest) as Manifest & { auditHead?: { seq: number; hash: string } };
  const department = manifest.department;
  const publicId = manifest.batchId;
  const key = batch.signingKeyId ? signingKeyById(db, batch.signingKeyId) : undefined;
  const order = Object.keys(OP_NAMES);
  const rank = (op: string) => (order.includes(op) ? order.indexOf(op) : order.length);
  const ops = [...new Set(Object.values(batch.counts).flatMap((c) => Object.keys(c)))].sort((a, b) => rank(a) - rank(b));
  const countRows = Object.entries(batch.counts).map(([category, byOp]) => [
    categoryName(category),
    ...ops.map((op) => (byOp[op] ? byOp[op].toLocaleString('zh-CN') : '—')),
    Object.values(byOp)
      .reduce((s, n) => s + n, 0)
      .toLocaleString('zh-CN'),
  ]);
  countRows.push(['合计', ...ops.map((op) => Object.values(batch.counts).reduce((s, c) => s + (c[op] ?? 0), 0).toLocaleString('zh-CN')), batch.operations.toLocaleString('zh-CN')]);

  const blocks: Block[] = [
    {
      kind: 'fields',
      rows: [
        { label: '报送单位', value: `${department.name}（${department.uscc}）`, wide: true },
        { label: '批次编号', value: publicId },
        { label: '批次', value: `第 ${batch.sequence} 批` },
        { label: '批次文件', value: batchFileName(department.uscc, batch.sequence, manifest.approved.at), wide: true },
        { label: '准备人', value: personName(db, batch.preparedBy) },
        { label: '准备时间', value: chinaDateTime(batch.preparedAt) },
        { label: '审核签发人', value: personName(db, batch.decidedBy) },
        { label: '签发时间', value: chinaDateTime(manifest.approved.at) },
        { label: '签名公钥指纹', value: key?.fingerprint ?? '—', wide: true },
        { label: '批次摘要', value: `${batch.manifestSm3}（manifest.json 的 SM3）`, wide: true },
        { label: '上一批次摘要', value: manifest.previousManifestSm3 || '（首个批次）', wide: true },
        ...(manifest.auditHead ? [{ label: '审计链锚点', value: `第 ${manifest.auditHead.seq} 条 ${manifest.auditHead.hash}`, wide: true }] : []),
      ],
    },
    { kind: 'heading', text: '报送内容' },
    {
      kind: 'table',
      columns: [{ title: '类别', width: 3 }, ...ops.map((op) => ({ title: OP_NAMES[op] ?? op, width: 1.6, align: 'right' as const })), { title: '小计', width: 1.6, align: 'right' as const }],
      rows: countRows,
    },
  ];
  if (batch.receiptAt) {
    const r = orm(db)
      .select({ accepted: sql<number | null>`sum(${receiptResults.status} = 'accepted')`, rejected: sql<number | null>`sum(${receiptResults.status} = 'rejected')` })
      .from(receiptResults)
      .where(eq(receiptResults.batchId, batch.id))
      .get()!;
    blocks.push({
      kind: 'paragraph',
      text: `平台回执（${chinaDateTime(batch.receiptAt)} 导入）：接收 ${(r.accepted ?? 0).toLocaleString('zh-CN')} 条，退回 ${(r.rejected ?? 0).toLocaleString('zh-CN')} 条。`,
    });
  }
  blocks.push(
    { kind: 'heading', text: '批次核验' },
    {
      kind: 'paragraph',
      size: 9,
      text: '下方二维码载明批次编号与批次摘要。收到批次文件的单位可用“信用工作台”或 OpenSSL 3 核验签名，并比对文件中 manifest.json 的 SM3 与本单所载摘要是否一致；一致即证明文件与本单审核签发的内容相同、未被改动或缺漏。',
    },
    { kind: 'qr', data: batchQrText(publicId, batch.manifestSm3), caption: batchQrText(publicId, batch.manifestSm3) },
    {
      kind: 'paragraph',
      text: `经审核，同意报送上述第 ${batch.sequence} 批公共信用信息共 ${batch.operations.toLocaleString('zh-CN')} 条操作。`,
    },
    { kind: 'signatures', lines: ['经办人（签字）', '部门负责人（签字）'] },
  );
  return {
    kind: 'batch-sheet',
    title: '批次审核单',
    subtitle: `第 ${batch.sequence} 批 ${publicId}`,
    target: `batch:${batch.id}`,
    targetLabel: `第 ${batch.sequence} 批 ${publicId}`,
    masked: true,
    options: {},
    blocks,
  };
}

export function buildKeySheet(db: SqliteDatabase, keyId: number): PrintDocument {
  const key = signingKeyById(db, keyId);
  if (!key) throw new CoreError('NOT_FOUND', `找不到编号为 ${keyId} 的签名密钥。`);
  const department = getDepartment(db);
  const owner = personName(db, key.login);
  const compact = key.fingerprint.replace(/\s+/g, '');
  return {
    kind: 'key-sheet',
    title: '签名公钥登记表',
    subtitle: owner,
    target: `key:${key.id}`,
    targetLabel: `${owner} 的签名公钥`,
    masked: true,
    options: {},
    blocks: [
      {
        kind: 'fields',
        rows: [
          { label: '单位名称', value: department.name, wide: true },
          { label: '统一社会信用代码', value: department.uscc },
          { label: '行政区划代码', value: department.regionCode },
          { label: '审核签发人', value: owner },
          { label: '密钥生成日期', value: chinaDate(key.createdAt) },
          { label: '算法', value: 'SM2（GM/T 0003），摘要 SM3（GM/T 0004），用户标识 1234567812345678', wide: true },
          { label: '密钥状态', value: key.retiredAt ? `已停用（${chinaDate(key.retiredAt)}）` : '使用中', wide: true },
          { label: '公钥指纹', value: `${key.fingerprint}（DER 公钥的 SM3）`, wide: true },
        ],
      },
      { kind: 'heading', text: '公钥（PEM）' },
      { kind: 'mono', text: pemOf(key).trim() },
      { kind: 'heading', text: '公钥指纹二维码' },
      { kind: 'qr', data: compact, caption: `SM3 ${compact}` },
      {
        kind: 'paragraph',
        text: `兹登记上述公钥为${department.name}报送公共信用信息批次的签名公钥。平台核验批次签名时，以本表所载公钥指纹为准；密钥更换或停用时重新登记。`,
      },
      { kind: 'signatures', lines: ['审核签发人（签字）', '部门负责人（签字）', '经办人（签字）', '单位（盖章）'] },
    ],
  };
}
