/**
 * Backups from the command line (system administrators): `backup create` into a
 * folder, `backup verify` of a file (with --as also opened and its audit chain
 * checked), `backup restore` over a department — after logging in, or, when the
 * department cannot be opened (no files yet, a file missing or damaged), with the
 * administrator's password in the backup.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BackupVerifyReport, RestoreResult } from '../../contract/backup';
import { AS_OPTION, DB_OPTION } from '../args';
import { actAs, checkActingPassword } from '../acting';
import { defineCommand } from '../command';
import { CliError, EXIT, usage } from '../errors';
import { PASSWORD_ENV } from '../secrets';
import { withDesk } from '../session';
import { fields, localTime } from '../text';
import { count } from './records-options';
import { checkOutputFolder } from '../output';

const FILE_ARGUMENT = { name: 'file', value: '备份文件', description: '备份文件（.cdbackup）', required: true } as const;

function existingFile(value: string): string {
  const path = resolve(value);
  if (!existsSync(path) || !statSync(path).isFile()) throw usage(`备份文件不存在：${path}`);
  return path;
}

function reportText(r: BackupVerifyReport): string {
  const h = r.header;
  return [
    fields([
      ['文件', r.file],
      ...(h
        ? ([
            ['部门', h.department.uscc],
            ['创建', `${h.createdBy}${h.scheduled ? '（定时备份）' : ''}，${localTime(h.createdAt)}`],
            ['审计日志位置', `第 ${h.auditHead.seq} 条，${h.auditHead.hash}`],
            ['大小', `${count(r.bytes)} 字节`],
          ] as [string, string][])
        : []),
    ]),
    '',
    ...r.checks.map((c) => `${c.ok ? '✓' : '✗'} ${c.name}：${c.message}`),
    ...(r.ok && !r.opened ? ['（未用密码打开：给出 --as 时还核对数据库完整性和审计链。）'] : []),
  ].join('\n');
}

const describeDiscarded = (n: NonNullable<RestoreResult['discarded']>) =>
  `${n.records} 条信用记录、${n.batches} 个批次、${n.cases} 个案件的新增或变化，审计日志中 ${n.auditEntries} 条改动`;

function restoredText(r: RestoreResult): string {
  return [
    `已从备份恢复：${r.file}`,
    '',
    fields([
      ['备份创建', `${r.backup.createdBy}，${localTime(r.backup.createdAt)}`],
      ['审计日志位置', `第 ${r.backup.auditHead.seq} 条`],
      ['原有文件已改名保留', r.setAside.join('\n') || '（此位置原来没有部门文件）'],
      ['与原审计日志', r.currentMatchedAtBackupHead === null ? '原数据库无法打开，未比对' : r.currentMatchedAtBackupHead ? '在备份的位置一致' : '在备份的位置不一致：原日志可能被改动过，请核查'],
      ...(r.discarded ? ([['已丢弃', `备份之后的 ${describeDiscarded(r.discarded)}`]] as [string, string][]) : []),
      ...(r.keptDisabled.length > 0
        ? ([['保持停用', `${r.keptDisabled.join('、')}（备份之后已停用；恢复的数据库已重新加密，其密钥副本无效）`]] as [string, string][])
        : []),
    ]),
  ].join('\n');
}

export const backupCreateCommand = defineCommand({
  name: ['backup', 'create'],
  summary: '备份部门数据库（连同密钥文件和审计日志的位置）到一个文件夹（系统管理员）',
  details: [
    '生成一个文件 <统一社会信用代码>-<日期>-<时间>.cdbackup：数据库（由 SQLite 复制，仍然加密）、同一时刻的密钥文件、审计日志的位置（锚点）。',
    '数据库可以同时在使用。备份文件须与恢复码一样妥善保管：凭其中任一账户当时的密码即可打开。',
  ].join('\n'),
  options: {
    db: DB_OPTION,
    as: AS_OPTION,
    out: { type: 'string', value: '文件夹', description: '备份写到此文件夹（例如 U 盘）', required: true },
  },
  examples: [`${PASSWORD_ENV}=… credit-desk backup create --db 信用.db --as admin --out E:\\信用备份 --json`],

  async run(ctx) {
    // A backup is always a new file (never replacing one, written beside and renamed by the core): the guard checks the folder.
    const folder = checkOutputFolder(ctx.args.need('out'));
    return actAs(ctx, async (desk) => {
      const info = await desk.call('backup.createFile', { folder });
      return {
        data: { path: info.path, bytes: info.bytes, auditHead: info.auditHead },
        text: `已备份：${info.path}（${count(info.bytes)} 字节；审计日志到第 ${info.auditHead.seq} 条）。`,
      };
    });
  },
});

export const backupVerifyCommand = defineCommand({
  name: ['backup', 'verify'],
  summary: '校验备份文件：结构、摘要、是否加密；给出 --as 时还用其密码打开，检查完整性和审计链',
  details: '备份完好时退出码为 0；否则为 1，并指出未通过的检查。不需要部门数据库。',
  options: {
    as: { ...AS_OPTION, required: false, description: '以此用户（备份时的系统管理员）的密码打开备份（密码取自 CREDIT_DESK_PASSWORD 或提示输入）' },
  },
  positionals: [FILE_ARGUMENT],

  async run(ctx) {
    const path = existingFile(ctx.args.positional('file')!);
    const login = ctx.args.get('as');
    const password = login ? await ctx.secrets.existing(`用户 ${login} 的密码`, [PASSWORD_ENV], `请输入 ${login} 的密码：`) : undefined;
    // No department is opened: a scratch location (verify touches no database).
    return withDesk(ctx.io, resolve(path, '..', '.credit-desk-verify.db'), async (desk) => {
      const report = await desk.call('backup.verifyFile', { path, ...(login && password ? { login, password } : {}) });
      const failed = report.checks.find((c) => !c.ok);
      return {
        data: { ...report },
        text: `${report.ok ? '备份完好。' : '备份未通过校验。'}\n${reportText(report)}`,
        ...(report.ok ? {} : { exitCode: EXIT.failure, problem: { code: 'BAD_FILE', message: failed ? `${failed.name}：${failed.message}` : '备份未通过校验' } }),
      };
    });
  },
});

export const backupRestoreCommand = defineCommand({
  name: ['backup', 'restore'],
  summary: '从备份恢复部门数据库（系统管理员；先校验，原有文件改名保留）',
  details: [
    '先校验备份（用 --as 的密码打开、完整性检查、审计链与备份记载的位置一致），通过后才替换：',
    '原有的数据库和密钥文件改名为 *.replaced-<时间> 保留，恢复记入恢复后的审计日志。',
    '部门数据库可以打开时须先以系统管理员登录（--as 的密码须同时是当前和备份时的密码）；',
    '无法打开时（此位置还没有部门、缺少文件或文件损坏），凭备份时系统管理员的密码恢复。',
    '恢复会丢弃备份之后的改动：先列出将丢弃的记录、批次、案件和审计日志条数，须以 --discard-newer 给出其中的改动条数确认 [CONFIRMATION_REQUIRED]；',
    '当前审计日志与备份记载的位置不一致时，须以 --trail-mismatch-reason 说明理由（记入审计日志）。备份之后停用的账户保持停用，恢复的数据库重新加密。',
    '其他程序正打开数据库时不能恢复 [BUSY]。只有恢复成功时退出码为 0。',
  ].join('\n'),
  options: {
    db: DB_OPTION,
    as: AS_OPTION,
    'discard-newer': { type: 'string', value: 'N', description: '确认丢弃备份之后的 N 条改动（N 为不加此选项运行时列出的条数）' },
    'trail-mismatch-reason': { type: 'string', value: '理由', description: '当前审计日志与备份不一致时，确认仍要恢复的理由（至少 4 个字，记入审计日志）' },
  },
  positionals: [FILE_ARGUMENT],
  examples: [`${PASSWORD_ENV}=… credit-desk backup restore E:\\信用备份\\91350200776049653A-20261201-020000.cdbackup --db 信用.db --as admin`],

  async run(ctx) {
    const path = existingFile(ctx.args.positional('file')!);
    const login = ctx.args.need('as');
    checkActingPassword(ctx);
    const discardText = ctx.args.get('discard-newer');
    const discardNewer = discardText === undefined ? undefined : Number(discardText);
    if (discardNewer !== undefined && (!Number.isSafeInteger(discardNewer) || discardNewer < 0)) throw usage(`--discard-newer 应为非负整数：${discardText}`);
    const trailMismatchReason = ctx.args.get('trail-mismatch-reason');
    const password = await ctx.secrets.existing(`用户 ${login} 的密码`, [PASSWORD_ENV], `请输入 ${login} 的密码：`);
    return withDesk(ctx.io, ctx.args.need('db'), async (desk) => {
      let result: RestoreResult;
      try {
        await desk.login(login, password);
        result = await desk.call('backup.restoreFile', { path, password, discardNewer, trailMismatchReason });
      } catch (err) {
        // The department cannot be opened: restore with the backup's own credentials.
        const code = (err as CliError).code;
        if (!['KEY_FILE_MISSING', 'DATABASE_MISSING', 'DB_CORRUPT', 'NOT_INITIALIZED'].includes(code)) throw err;
        result = await desk.call('backup.restoreOffline', { path, login, password });
      }
      return { data: { ...result }, text: restoredText(result) };
    });
  },
});
