/**
 * Verifying a batch file without trusting it: a safe walk over the archive
 * (no absolute or `..` paths, no duplicate names, bounded sizes and ratios),
 * the signature over manifest.json's exact bytes, every member's size and
 * digests, no member missing or extra, the signer among the known keys, and
 * the chain to the previous batch. Each failure has its own code and reason.
 */
import { createHash } from 'node:crypto';
import yauzl from 'yauzl';
import { BATCH_FORMAT, MANIFEST, SIGNATURE, SIGNER, type Manifest } from './format';
import { fingerprint, parsePublicKeyPem, sm3Hex, verifySm2 } from './sm2';
import { newSm3 } from './sm3-stream';
import { isAuditHead } from '../audit/log';

export type VerifyCode =
  | 'UNSAFE_ARCHIVE'
  | 'MALFORMED'
  | 'BAD_SIGNATURE'
  | 'UNKNOWN_SIGNER'
  | 'MEMBER_MISSING'
  | 'MEMBER_EXTRA'
  | 'MEMBER_SIZE'
  | 'MEMBER_DIGEST'
  | 'SEQUENCE_BREAK'
  | 'PREVIOUS_DIGEST';

export interface VerifyResult {
  ok: boolean;
  code?: VerifyCode;
  reason?: string;
  manifest?: Manifest;
  manifestSm3?: string;
  signerFingerprint?: string;
}

export interface VerifyOptions {
  /** Known signers' public keys (PEM): the signer must be one of them (none given: UNKNOWN_SIGNER). Absent: no signer check. */
  publicKeys?: string[];
  /** The previous batch file: the sequence must follow it and the digest chain must hold. */
  previous?: string;
  /** Limits against zip bombs. */
  maxEntryBytes?: number;
  maxTotalBytes?: number;
  maxRatio?: number;
}

class Failure extends Error {
  constructor(
    readonly code: VerifyCode,
    message: string,
  ) {
    super(message);
  }
}

const SMALL = 4 * 1024 * 1024;

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false, decodeStrings: true }, (err, zip) =>
      err ? reject(new Failure('MALFORMED', `不是有效的 zip 文件：${err.message}`)) : resolve(zip!),
    ),
  );
}

function listEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on('entry', (e: yauzl.Entry) => {
      entries.push(e);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', (err: Error) => reject(new Failure('MALFORMED', `zip 文件已损坏：${err.message}`)));
    zip.readEntry();
  });
}

function unsafeName(name: string): string | null {
  if (name.includes('\\')) return '含反斜杠';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return '是绝对路径';
  if (name.split('/').some((p) => p === '..')) return '含有“..”';
  if (name.includes('\0')) return '含有空字符';
  return null;
}

async function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, onChunk: (b: Buffer) => void, limit: number): Promise<number> {
  const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
    zip.openReadStream(entry, (err, s) => (err ? reject(new Failure('MALFORMED', `无法读取 ${entry.fileName}：${err.message}`)) : resolve(s!))),
  );
  let size = 0;
  try {
    for await (const chunk of stream) {
      const b = chunk as Buffer;
      size += b.length;
      if (size > limit) throw new Failure('UNSAFE_ARCHIVE', `${entry.fileName} 解压后超过 ${limit} 字节（疑似压缩炸弹）`);
      onChunk(b);
    }
  } catch (err) {
    if (err instanceof Failure) throw err;
    throw new Failure('MALFORMED', `${entry.fileName} 已损坏：${(err as Error).message}`);
  }
  return size;
}

async function readSmall(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Buffer> {
  const parts: Buffer[] = [];
  await readEntry(zip, entry, (b) => parts.push(b), SMALL);
  return Buffer.concat(parts);
}

const isText = (v: unknown, max = 500): v is string => typeof v === 'string' && v.length <= max;
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const HEX64 = /^[0-9a-f]{64}$/;

/** What is wrong with a manifest's fields (null: nothing), in words for people. */
function manifestProblem(m: Manifest): string | null {
  if (!isCount(m.formatVersion)) return 'formatVersion 应为整数';
  if (!isText(m.batchId, 100)) return 'batchId 应为文字';
  if (!Number.isSafeInteger(m.sequence) || m.sequence < 1) return 'sequence 应为正整数';
  if (!isText(m.previousManifestSm3, 64)) return 'previousManifestSm3 应为文字';
  const d = m.department as unknown;
  if (!isObject(d) || !isText(d.name) || !isText(d.uscc, 18) || !isText(d.regionCode, 6)) return 'department 应含 name、uscc、regionCode';
  for (const [name, v] of [['prepared', m.prepared], ['approved', m.approved]] as const) {
    if (!isObject(v) || !isText(v.at, 40) || !isText(v.by, 64)) return `${name} 应含 at、by`;
  }
  if (!isText(m.approved.keyFingerprint, 200)) return 'approved.keyFingerprint 应为文字';
  if (!isCount(m.operations)) return 'operations 应为非负整数';
  if (!isObject(m.counts) || !Object.values(m.counts).every((kinds) => isObject(kinds) && Object.values(kinds).every(isCount))) return 'counts 应为各类别的操作数';
  if (!Array.isArray(m.members) || m.members.length > 1000) return 'members 应为成员清单';
  for (const [i, member] of (m.members as unknown[]).entries()) {
    if (!isObject(member) || !isText(member.path, 1000) || member.path === '' || !isCount(member.size) || !isText(member.sm3) || !HEX64.test(member.sm3) || !isText(member.sha256) || !HEX64.test(member.sha256)) {
      return `members 第 ${i + 1} 项应含 path、size、sm3、sha256`;
    }
  }
  return null;
}

function parseManifest(bytes: Buffer): Manifest {
  let m: Manifest;
  try {
    m = JSON.parse(bytes.toString('utf8')) as Manifest;
  } catch {
    throw new Failure('MALFORMED', 'manifest.json 不是有效的 JSON');
  }
  if (typeof m !== 'object' || m === null || m.format !== BATCH_FORMAT) {
    throw new Failure('MALFORMED', 'manifest.json 不是信用工作台批次清单（format 不符）');
  }
  // Signed does not mean well-formed (any key can sign): every field read later is checked here.
  const problem = manifestProblem(m);
  if (problem) throw new Failure('MALFORMED', `manifest.json 的内容不完整或类型不符：${problem}`);
  // Optional (batches signed before it was added have none), but well-formed when present.
  if (m.auditHead !== undefined && !isAuditHead(m.auditHead)) {
    throw new Failure('MALFORMED', 'manifest.json 的 auditHead 应为 {"seq": 非负整数, "hash": 64 位十六进制}');
  }
  return m;
}

async function verifyOnce(path: string, options: VerifyOptions): Promise<VerifyResult> {
  const maxEntry = options.maxEntryBytes ?? 4 * 1024 ** 3;
  const maxTotal = options.maxTotalBytes ?? 8 * 1024 ** 3;
  const maxRatio = options.maxRatio ?? 1000;
  const zip = await openZip(path);
  try {
    const entries = await listEntries(zip);
    const byName = new Map<string, yauzl.Entry>();
    let total = 0;
    for (const e of entries) {
      const bad = unsafeName(e.fileName);
      if (bad) throw new Failure('UNSAFE_ARCHIVE', `成员路径 ${JSON.stringify(e.fileName)} ${bad}`);
      if (byName.has(e.fileName)) throw new Failure('UNSAFE_ARCHIVE', `成员 ${e.fileName} 重复出现`);
      byName.set(e.fileName, e);
      total += e.uncompressedSize;
      if (e.uncompressedSize > maxEntry || total > maxTotal) throw new Failure('UNSAFE_ARCHIVE', `${e.fileName} 声明的大小过大（疑似压缩炸弹）`);
      if (e.compressedSize > 0 && e.uncompressedSize / e.compressedSize > maxRatio && e.uncompressedSize > 1024 * 1024) {
        throw new Failure('UNSAFE_ARCHIVE', `${e.fileName} 的压缩比异常（疑似压缩炸弹）`);
      }
    }
    for (const name of [MANIFEST, SIGNATURE, SIGNER]) {
      if (!byName.has(name)) throw new Failure('MEMBER_MISSING', `缺少 ${name}`);
    }
    const manifestBytes = await readSmall(zip, byName.get(MANIFEST)!);
    const signature = await readSmall(zip, byName.get(SIGNATURE)!);
    const signerPem = (await readSmall(zip, byName.get(SIGNER)!)).toString('utf8');
    const signerKey = parsePublicKeyPem(signerPem);
    if (!signerKey) throw new Failure('MALFORMED', 'signer.pem 不是 SM2 公钥');
    if (!verifySm2(manifestBytes, signature, signerKey)) throw new Failure('BAD_SIGNATURE', '签名无效：manifest.json 被改动，或签名不属于 signer.pem 中的公钥');
    // `publicKeys` absent: the caller said it checks no signer (the CLI without --pubkey says so).
    // Given but empty: nobody is known, so the signer is unknown — never "valid".
    if (options.publicKeys) {
      if (options.publicKeys.length === 0) throw new Failure('UNKNOWN_SIGNER', `没有可核对的签名公钥：无法确认签名人（指纹 ${fingerprint(signerKey)}）是谁`);
      const known = options.publicKeys.map(parsePublicKeyPem);
      if (!known.includes(signerKey)) throw new Failure('UNKNOWN_SIGNER', `签名人公钥（指纹 ${fingerprint(signerKey)}）不在给定的公钥之中`);
    }
    const manifest = parseManifest(manifestBytes);
    const listed = new Set(manifest.members.map((m) => m.path));
    for (const m of manifest.members) {
      if (unsafeName(m.path)) throw new Failure('MALFORMED', `清单中的成员路径 ${JSON.stringify(m.path)} 不安全`);
      if (!byName.has(m.path)) throw new Failure('MEMBER_MISSING', `缺少清单所列的成员 ${m.path}`);
    }
    for (const name of byName.keys()) {
      if (![MANIFEST, SIGNATURE, SIGNER].includes(name) && !listed.has(name)) throw new Failure('MEMBER_EXTRA', `多出清单未列的成员 ${name}`);
    }
    for (const m of manifest.members) {
      const sm3 = newSm3();
      const sha = createHash('sha256');
      const size = await readEntry(
        zip,
        byName.get(m.path)!,
        (b) => {
          sm3.update(b);
          sha.update(b);
        },
        Math.min(maxEntry, m.size + 1),
      ).catch((err) => {
        if (err instanceof Failure && err.code === 'UNSAFE_ARCHIVE') throw new Failure('MEMBER_SIZE', `${m.path} 的大小与清单不符`);
        throw err;
      });
      if (size !== m.size) throw new Failure('MEMBER_SIZE', `${m.path} 的大小为 ${size} 字节，清单记载 ${m.size} 字节`);
      if (sm3.digestHex() !== m.sm3 || sha.digest('hex') !== m.sha256) throw new Failure('MEMBER_DIGEST', `${m.path} 的摘要与清单不符（内容被改动）`);
    }
    return { ok: true, manifest, manifestSm3: sm3Hex(manifestBytes), signerFingerprint: fingerprint(signerKey) };
  } finally {
    zip.close();
  }
}

export async function verifyBatchFile(path: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  try {
    const result = await verifyOnce(path, options);
    if (options.previous) {
      const previous = await verifyOnce(options.previous, { ...options, previous: undefined });
      const m = result.manifest!;
      if (m.department.uscc !== previous.manifest!.department.uscc) {
        throw new Failure('SEQUENCE_BREAK', '两个批次不属于同一部门');
      }
      if (m.sequence !== previous.manifest!.sequence + 1) {
        throw new Failure('SEQUENCE_BREAK', `批次序号 ${m.sequence} 不紧接上一批的序号 ${previous.manifest!.sequence}（重放或缺批）`);
      }
      if (m.previousManifestSm3 !== previous.manifestSm3) {
        throw new Failure('PREVIOUS_DIGEST', '清单记载的上一批摘要与给定的上一批文件不符');
      }
    }
    return result;
  } catch (err) {
    if (err instanceof Failure) return { ok: false, code: err.code, reason: err.message };
    return { ok: false, code: 'MALFORMED', reason: `无法读取：${(err as Error).message}` };
  }
}
