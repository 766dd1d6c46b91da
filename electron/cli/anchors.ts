/**
 * Audit anchors from files (`audit verify --anchor FILE`): the audit head in a
 * signed batch file's manifest — only once the batch verifies against the
 * department's own signing keys — or in a backup file.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { AuditAnchor } from '../contract/types';
import { CliError, usage } from './errors';
import type { DeskSession } from './session';

async function departmentKeys(desk: DeskSession): Promise<string[]> {
  const keys = await desk.call('keys.list', {});
  return Promise.all(keys.map(async (k) => (await desk.call('keys.exportPublic', { keyId: k.keyId })).pem));
}

export async function anchorFromFile(desk: DeskSession, value: string): Promise<AuditAnchor> {
  const path = resolve(value);
  if (!existsSync(path) || !statSync(path).isFile()) throw usage(`锚点文件不存在：${path}`);
  const name = basename(path);
  // Loaded here, not at start-up: the command line starts without the zip and SM2 libraries.
  const [{ readBackupHeader }, { verifyBatchFile }] = await Promise.all([import('../core/backup/format'), import('../core/batches/verify')]);
  const backup = await readBackupHeader(path).catch(() => null);
  if (backup) return { source: `备份 ${name}`, ...backup.auditHead };
  const publicKeys = await departmentKeys(desk);
  const result = await verifyBatchFile(path, { publicKeys });
  if (!result.ok || !result.manifest) {
    throw new CliError('BAD_FILE', `锚点文件 ${name} 既不是本部门的备份，也不是通过校验的本部门批次文件：${result.reason ?? result.code ?? ''}`);
  }
  if (!result.manifest.auditHead) {
    throw new CliError('BAD_FILE', `批次文件 ${name}（第 ${result.manifest.sequence} 批）签发时的版本还不记录审计日志的位置，不能用作锚点。`);
  }
  return { source: `批次文件 ${name}（第 ${result.manifest.sequence} 批）`, ...result.manifest.auditHead };
}
