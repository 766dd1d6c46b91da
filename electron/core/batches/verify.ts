/**
 * Verifying a batch file without trusting it: a safe walk over the archive
 * (no absolute or `..` paths, no duplicate names, bounded sizes and ratios),
 * the signature over manifest.json's exact bytes, every member's size and
 * digests, no member missing or extra, the signer among the known keys, and
 * the chain to the previous batch. Each failure has its own code and reason.
 * The JSON Lines members are read too: every operation must be one the format
 * defines (docs/batch-format.md) and their numbers must be the manifest's counts.
 * The archive walk itself (verifySignedArchive) is shared with shared lists
 * (electron/core/lists/import.ts), the mirror image of a batch.
 */
import { createHash } from 'node:crypto';
import type yauzl from 'yauzl';
import { BATCH_FORMAT, FEEDBACK_CATEGORY, MANIFEST, SIGNATURE, SIGNER, type Manifest, type ManifestMember } from './format';
import { fingerprint, parsePublicKeyPem, sm3Hex, verifySm2 } from './sm2';
import { newSm3 } from './sm3-stream';
import { isAuditHead } from '../audit/head';

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

/**
 * Thrown by verifySignedArchive and by its callers' hooks: a code (a VerifyCode, or
 * one of the caller's own) and the reason for people.
 */
export class ArchiveFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The failures this file raises itself. */
function failure(code: VerifyCode, message: string): ArchiveFailure {
  return new ArchiveFailure(code, message);
}

const SMALL = 4 * 1024 * 1024;

/** The record operations a batch may carry (docs/batch-format.md; records/queue.ts queues them). */
export const BATCH_OPERATIONS: readonly string[] = ['add', 'update', 'withdraw', 'end-publication', 'mark-objection', 'clear-objection'];
/** The operations of `data/feedback.jsonl` (batches/feedback.ts). */
export const FEEDBACK_OPERATIONS: readonly string[] = ['sanction-feedback'];

/**
 * Counts the operations of a `data/<category>.jsonl` member as its bytes go by.
 * Each line is `{"opId":"…","op":"…",…}` as written by the producer; the
 * operation is read from the line's start, so the whole line is not parsed.
 */
class OperationCounter {
  readonly counts: Record<string, number> = {};
  private rest = '';
  private lineNo = 0;
  private readonly decoder = new TextDecoder('utf-8');

  constructor(
    private readonly path: string,
    private readonly allowed: readonly string[],
    /** The manifest says `displayFields`: every line carries publicDisplay and displayUntil. */
    private readonly display = false,
  ) {}

  update(bytes: Buffer): void {
    const text = this.rest + this.decoder.decode(bytes, { stream: true });
    const lines = text.split('\n');
    this.rest = lines.pop() ?? '';
    for (const line of lines) this.line(line);
  }

  end(): void {
    this.rest += this.decoder.decode();
    if (this.rest !== '') this.line(this.rest);
  }

  private line(line: string): void {
    this.lineNo++;
    const op = /^\{"opId":"[^"]*","op":"([^"]*)"/.exec(line)?.[1];
    if (op === undefined) throw failure('MALFORMED', `${this.path} 第 ${this.lineNo} 行不是一条操作`);
    if (!this.allowed.includes(op)) throw failure('MALFORMED', `${this.path} 第 ${this.lineNo} 行的操作类型“${op}”不是本格式定义的操作`);
    if (this.display) this.checkDisplay(line, op);
    this.counts[op] = (this.counts[op] ?? 0) + 1;
  }

  /** publicDisplay (true/false) and displayUntil (a date or null) in the producer's order, and consistent. */
  private checkDisplay(line: string, op: string): void {
    const m = DISPLAY_LINE.exec(line);
    const where = `${this.path} 第 ${this.lineNo} 行`;
    if (!m) throw failure('MALFORMED', `${where}缺少 publicDisplay 和 displayUntil，或其值不是 true/false 与日期/null`);
    const shown = m[1] === 'true';
    const until = m[2] === 'null' ? null : m[2].slice(1, -1);
    if (until !== null && !isDate(until)) throw failure('MALFORMED', `${where}的 displayUntil 不是有效日期：${until}`);
    if (!shown && until !== null) throw failure('MALFORMED', `${where}不公开显示（publicDisplay 为 false），displayUntil 应为 null`);
    if (shown && (op === 'withdraw' || op === 'end-publication')) throw failure('MALFORMED', `${where}为 ${op}，不能公开显示（publicDisplay 应为 false）`);
  }
}

/** `…,"version":N,"publicDisplay":B,"displayUntil":D,"fields":` right after the operation. */
const DISPLAY_LINE = /^\{"opId":"[^"]*","op":"[^"]*","recordId":\d+,"version":\d+,"publicDisplay":(true|false),"displayUntil":(null|"\d{4}-\d{2}-\d{2}"),"fields":/;

function isDate(ymd: string): boolean {
  const d = new Date(`${ymd}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === ymd;
}

function sameCounts(a: Record<string, number>, b: Record<string, number> | undefined): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b ?? {})]);
  return [...keys].every((k) => (a[k] ?? 0) === (b?.[k] ?? 0));
}


async function openZip(path: string): Promise<yauzl.ZipFile> {
  const reader = (await import('yauzl')).default; // loaded at the first verify, not with the core
  return new Promise((resolve, reject) =>
    reader.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false, decodeStrings: true }, (err, zip) =>
      err ? reject(failure('MALFORMED', `不是有效的 zip 文件：${err.message}`)) : resolve(zip!),
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
    zip.on('error', (err: Error) => reject(failure('MALFORMED', `zip 文件已损坏：${err.message}`)));
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
    zip.openReadStream(entry, (err, s) => (err ? reject(failure('MALFORMED', `无法读取 ${entry.fileName}：${err.message}`)) : resolve(s!))),
  );
  let size = 0;
  // What the reader of the bytes throws is its own (a refused entry, a full disk): passed on as it is.
  let fromReader = null as { err: unknown } | null;
  try {
    for await (const chunk of stream) {
      const b = chunk as Buffer;
      size += b.length;
      if (size > limit) throw failure('UNSAFE_ARCHIVE', `${entry.fileName} 解压后超过 ${limit} 字节（疑似压缩炸弹）`);
      try {
        onChunk(b);
      } catch (err) {
        fromReader = { err };
        throw err;
      }
    }
  } catch (err) {
    if (fromReader) throw fromReader.err;
    if (err instanceof ArchiveFailure) throw err;
    throw failure('MALFORMED', `${entry.fileName} 已损坏：${(err as Error).message}`);
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
    throw failure('MALFORMED', 'manifest.json 不是有效的 JSON');
  }
  if (typeof m !== 'object' || m === null || m.format !== BATCH_FORMAT) {
    throw failure('MALFORMED', 'manifest.json 不是信用工作台批次清单（format 不符）');
  }
  // Signed does not mean well-formed (any key can sign): every field read later is checked here.
  const problem = manifestProblem(m);
  if (problem) throw failure('MALFORMED', `manifest.json 的内容不完整或类型不符：${problem}`);
  // Optional (batches signed before it was added have none), but well-formed when present.
  if (m.auditHead !== undefined && !isAuditHead(m.auditHead)) {
    throw failure('MALFORMED', 'manifest.json 的 auditHead 应为 {"seq": 非负整数, "hash": 64 位十六进制}');
  }
  if (m.displayFields !== undefined && typeof m.displayFields !== 'boolean') throw failure('MALFORMED', 'manifest.json 的 displayFields 应为 true 或 false');
  return m;
}

export interface SignedArchiveOptions<M> {
  /** Parses and checks manifest.json's exact bytes, once its signature holds; throws ArchiveFailure. */
  parseManifest(bytes: Buffer): M;
  /** Known signers' public keys (PEM): when given, the signer must be one of them. */
  publicKeys?: string[];
  /** Checks the signer's public key (hex) before the manifest is read; throws ArchiveFailure. */
  checkSigner?(signerKey: string): void;
  /** Runs once the manifest and its signature are known, before any data member is read; throws ArchiveFailure. */
  beforeMembers?(archive: SignedArchive<M>): void;
  /** A reader for a member's bytes as they are read and digested (its digest is checked after the last chunk). */
  consume?(path: string): ((chunk: Buffer) => void) | undefined;
  maxEntryBytes?: number;
  maxTotalBytes?: number;
  maxRatio?: number;
}

export interface SignedArchive<M> {
  manifest: M;
  manifestBytes: Buffer;
  signature: Buffer;
  signerKey: string;
  manifestSm3: string;
  signerFingerprint: string;
}

/**
 * Verifies a signed archive of our family (a batch, a shared list): a safe walk over
 * the entries, the SM2/SM3 signature over manifest.json's exact bytes, the signer,
 * every listed member present with its size, SM3 and SHA-256, nothing extra. Throws
 * ArchiveFailure naming the first problem.
 */
export async function verifySignedArchive<M extends { members: ManifestMember[] }>(path: string, options: SignedArchiveOptions<M>): Promise<SignedArchive<M>> {
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
      if (bad) throw failure('UNSAFE_ARCHIVE', `成员路径 ${JSON.stringify(e.fileName)} ${bad}`);
      if (byName.has(e.fileName)) throw failure('UNSAFE_ARCHIVE', `成员 ${e.fileName} 重复出现`);
      byName.set(e.fileName, e);
      total += e.uncompressedSize;
      if (e.uncompressedSize > maxEntry || total > maxTotal) throw failure('UNSAFE_ARCHIVE', `${e.fileName} 声明的大小过大（疑似压缩炸弹）`);
      if (e.compressedSize > 0 && e.uncompressedSize / e.compressedSize > maxRatio && e.uncompressedSize > 1024 * 1024) {
        throw failure('UNSAFE_ARCHIVE', `${e.fileName} 的压缩比异常（疑似压缩炸弹）`);
      }
    }
    for (const name of [MANIFEST, SIGNATURE, SIGNER]) {
      if (!byName.has(name)) throw failure('MEMBER_MISSING', `缺少 ${name}`);
    }
    const manifestBytes = await readSmall(zip, byName.get(MANIFEST)!);
    const signature = await readSmall(zip, byName.get(SIGNATURE)!);
    const signerPem = (await readSmall(zip, byName.get(SIGNER)!)).toString('utf8');
    const signerKey = parsePublicKeyPem(signerPem);
    if (!signerKey) throw failure('MALFORMED', 'signer.pem 不是 SM2 公钥');
    if (!verifySm2(manifestBytes, signature, signerKey)) throw failure('BAD_SIGNATURE', '签名无效：manifest.json 被改动，或签名不属于 signer.pem 中的公钥');
    // `publicKeys` absent: the caller said it checks no signer (the CLI without --pubkey says so).
    // Given but empty: nobody is known, so the signer is unknown — never "valid".
    if (options.publicKeys) {
      if (options.publicKeys.length === 0) throw failure('UNKNOWN_SIGNER', `没有可核对的签名公钥：无法确认签名人（指纹 ${fingerprint(signerKey)}）是谁`);
      const known = options.publicKeys.map(parsePublicKeyPem);
      if (!known.includes(signerKey)) throw failure('UNKNOWN_SIGNER', `签名人公钥（指纹 ${fingerprint(signerKey)}）不在给定的公钥之中`);
    }
    options.checkSigner?.(signerKey);
    const manifest = options.parseManifest(manifestBytes);
    const listed = new Set(manifest.members.map((m) => m.path));
    for (const m of manifest.members) {
      if (unsafeName(m.path)) throw failure('MALFORMED', `清单中的成员路径 ${JSON.stringify(m.path)} 不安全`);
      if (!byName.has(m.path)) throw failure('MEMBER_MISSING', `缺少清单所列的成员 ${m.path}`);
    }
    for (const name of byName.keys()) {
      if (![MANIFEST, SIGNATURE, SIGNER].includes(name) && !listed.has(name)) throw failure('MEMBER_EXTRA', `多出清单未列的成员 ${name}`);
    }
    const signed: SignedArchive<M> = { manifest, manifestBytes, signature, signerKey, manifestSm3: sm3Hex(manifestBytes), signerFingerprint: fingerprint(signerKey) };
    options.beforeMembers?.(signed);
    for (const m of manifest.members) {
      const sm3 = newSm3();
      const sha = createHash('sha256');
      const consumer = options.consume?.(m.path);
      const size = await readEntry(
        zip,
        byName.get(m.path)!,
        (b) => {
          sm3.update(b);
          sha.update(b);
          consumer?.(b);
        },
        Math.min(maxEntry, m.size + 1),
      ).catch((err) => {
        if (err instanceof ArchiveFailure && err.code === 'UNSAFE_ARCHIVE') throw failure('MEMBER_SIZE', `${m.path} 的大小与清单不符`);
        throw err;
      });
      if (size !== m.size) throw failure('MEMBER_SIZE', `${m.path} 的大小为 ${size} 字节，清单记载 ${m.size} 字节`);
      if (sm3.digestHex() !== m.sm3 || sha.digest('hex') !== m.sha256) throw failure('MEMBER_DIGEST', `${m.path} 的摘要与清单不符（内容被改动）`);
    }
    return signed;
  } finally {
    zip.close();
  }
}

async function verifyOnce(path: string, options: VerifyOptions): Promise<VerifyResult> {
  const counters = new Map<string, OperationCounter>();
  let display = false;
  const consume = (memberPath: string) => {
    const category = /^data\/(.+)\.jsonl$/.exec(memberPath)?.[1];
    if (category === undefined) return undefined;
    const feedback = category === FEEDBACK_CATEGORY;
    const counter = new OperationCounter(memberPath, feedback ? FEEDBACK_OPERATIONS : BATCH_OPERATIONS, display && !feedback);
    counters.set(category, counter);
    return (chunk: Buffer) => counter.update(chunk);
  };
  const r = await verifySignedArchive(path, {
    ...options,
    parseManifest: (bytes) => {
      const m = parseManifest(bytes);
      display = m.displayFields === true;
      return m;
    },
    consume,
  });
  const counted: Record<string, Record<string, number>> = {};
  for (const [category, counter] of counters) {
    counter.end();
    counted[category] = counter.counts;
  }
  for (const category of new Set([...Object.keys(counted), ...Object.keys(r.manifest.counts ?? {})])) {
    if (!sameCounts(counted[category] ?? {}, r.manifest.counts?.[category])) {
      throw failure('MALFORMED', `data/${category}.jsonl 中的操作数与清单的 counts 不符`);
    }
  }
  return { ok: true, manifest: r.manifest, manifestSm3: r.manifestSm3, signerFingerprint: r.signerFingerprint };
}

export async function verifyBatchFile(path: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  try {
    const result = await verifyOnce(path, options);
    if (options.previous) {
      const previous = await verifyOnce(options.previous, { ...options, previous: undefined });
      const m = result.manifest!;
      if (m.department.uscc !== previous.manifest!.department.uscc) {
        throw failure('SEQUENCE_BREAK', '两个批次不属于同一部门');
      }
      if (m.sequence !== previous.manifest!.sequence + 1) {
        throw failure('SEQUENCE_BREAK', `批次序号 ${m.sequence} 不紧接上一批的序号 ${previous.manifest!.sequence}（重放或缺批）`);
      }
      if (m.previousManifestSm3 !== previous.manifestSm3) {
        throw failure('PREVIOUS_DIGEST', '清单记载的上一批摘要与给定的上一批文件不符');
      }
    }
    return result;
  } catch (err) {
    if (err instanceof ArchiveFailure) return { ok: false, code: err.code as VerifyCode, reason: err.message };
    return { ok: false, code: 'MALFORMED', reason: `无法读取：${(err as Error).message}` };
  }
}
