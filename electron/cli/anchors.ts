/**
 * Audit anchors from files (`audit verify --anchor FILE`): the audit head in a
 * signed batch file's manifest, or in a backup file.
 *
 * Nothing the database under suspicion holds decides whether an anchor is genuine
 * (issue 18): a batch file is checked against a signing-key fingerprint given from
 * outside (`--fingerprint`, as the key registration sheet prints it or its QR code
 * holds it) — someone with the data key can put a key of their own into the
 * database, but not onto the registered sheet. Anchors of another department (a
 * batch or backup with another 统一社会信用代码) or of another database (a backup
 * whose database id is not this one's) are refused, and an empty anchor (entry 0)
 * proves nothing and is no anchor.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { AuditAnchor } from '../contract/types';
import { CliError, usage } from './errors';
import type { DeskSession } from './session';

/** A fingerprint as printed (groups of four, `SM3` before it) or as the QR code holds it: 64 hex digits, upper case. */
export function normaliseFingerprint(value: string): string {
  const compact = value.replace(/^\s*SM3[:：]?/i, '').replace(/[\s:]+/g, '').toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(compact)) throw usage(`--fingerprint 应为签名公钥登记表上的 SM3 指纹（64 位十六进制，可分组）：${value}`);
  return compact;
}

const grouped = (compact: string) => compact.match(/.{4}/g)!.join(' ');

export interface AnchorContext {
  /** The department's 统一社会信用代码. */
  uscc: string;
  /** This database's random id (from its key file). */
  databaseId: string;
  /** Registered signing-key fingerprints given with --fingerprint (normalised). */
  fingerprints: string[];
}

/** The anchor in a file, checked; null (with the reason) when it records the empty trail. */
export async function anchorFromFile(value: string, context: AnchorContext): Promise<AuditAnchor | { empty: string }> {
  const path = resolve(value);
  if (!existsSync(path) || !statSync(path).isFile()) throw usage(`锚点文件不存在：${path}`);
  const name = basename(path);
  // Loaded here, not at start-up: the command line starts without the zip and SM2 libraries.
  const [{ readBackupHeader }, { verifyBatchFile }] = await Promise.all([import('../core/backup/format'), import('../core/batches/verify')]);
  const backup = await readBackupHeader(path).catch(() => null);
  if (backup) {
    if (backup.department.uscc !== context.uscc) {
      throw new CliError('BAD_FILE', `锚点文件 ${name} 是另一个部门（统一社会信用代码 ${backup.department.uscc}）的备份，不能作本部门的锚点。`);
    }
    if (backup.databaseId !== context.databaseId) {
      throw new CliError('BAD_FILE', `锚点文件 ${name} 是另一个数据库（编号 ${backup.databaseId}）的备份，不是这个部门数据库的，不能作锚点。`);
    }
    if (backup.auditHead.seq === 0) return { empty: `备份 ${name}` };
    return { source: `备份 ${name}`, ...backup.auditHead };
  }
  if (context.fingerprints.length === 0) {
    throw usage(`批次文件 ${name} 作锚点时须用 --fingerprint 给出签名公钥的指纹（签名公钥登记表上所印，或其二维码）：数据库中的公钥不足为凭。`);
  }
  // The signature is checked against the key the file carries; who that key is, the registered fingerprint says.
  const result = await verifyBatchFile(path, {});
  if (!result.ok || !result.manifest || !result.signerFingerprint) {
    throw new CliError('BAD_FILE', `锚点文件 ${name} 既不是本部门的备份，也不是通过校验的批次文件：${result.reason ?? result.code ?? ''}`);
  }
  const signer = result.signerFingerprint.replace(/\s+/g, '').toUpperCase();
  if (!context.fingerprints.includes(signer)) {
    throw new CliError(
      'BAD_FILE',
      `锚点文件 ${name} 的签名人（指纹 ${grouped(signer)}）不是给出的签名公钥指纹（${context.fingerprints.map(grouped).join('；')}）：不能作锚点。`,
    );
  }
  if (result.manifest.department.uscc !== context.uscc) {
    throw new CliError('BAD_FILE', `锚点文件 ${name} 是另一个部门（统一社会信用代码 ${result.manifest.department.uscc}）的批次，不能作本部门的锚点。`);
  }
  if (!result.manifest.auditHead) {
    throw new CliError('BAD_FILE', `批次文件 ${name}（第 ${result.manifest.sequence} 批）签发时的版本还不记录审计日志的位置，不能用作锚点。`);
  }
  const source = `批次文件 ${name}（第 ${result.manifest.sequence} 批）`;
  if (result.manifest.auditHead.seq === 0) return { empty: source };
  return { source, ...result.manifest.auditHead };
}

/** The department's code and this database's id, for checking anchors. */
export async function anchorContext(desk: DeskSession, fingerprints: string[]): Promise<AnchorContext> {
  const { readKeyFile, keyFilePath } = await import('../core/store/keyfile');
  const department = await desk.call('department.get', {});
  return { uscc: department.uscc, databaseId: readKeyFile(keyFilePath(desk.dbPath)).databaseId, fingerprints: fingerprints.map(normaliseFingerprint) };
}
