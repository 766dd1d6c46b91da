/**
 * Approvers' SM2 signing keys: `key generate` (rotation retires the current
 * key, whose public half stays to verify old batches), `key export` (the PEM
 * and its SM3 fingerprint, for the platform's public-key registration) and
 * `key list`. The private key is wrapped by the acting person's password.
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { SessionUser } from '../../contract/types';
import { AS_OPTION, DB_OPTION } from '../args';
import { defineCommand, type CommandContext } from '../command';
import { CliError, usage } from '../errors';
import { actAs, checkActingPassword } from '../acting';
import { PASSWORD_ENV } from '../secrets';
import { KDF_N_ENV, kdfCost, withDesk, type DeskSession } from '../session';
import { fields, localTime, table } from '../text';
import { checkOutput, writeOutput } from '../output';

/**
 * Like `actAs`, and also hands `fn` the password: the same password that logs
 * the person in unlocks (or wraps) their signing key, so it is asked for once.
 */
export function actAsWithPassword<T>(
  ctx: CommandContext<'db' | 'as'>,
  fn: (desk: DeskSession, user: SessionUser, password: string) => Promise<T>,
): Promise<T> {
  checkActingPassword(ctx);
  const login = ctx.args.need('as');
  return withDesk(ctx.io, ctx.args.need('db'), async (desk) => {
    const password = await ctx.secrets.existing(`用户 ${login} 的密码`, [PASSWORD_ENV], `请输入 ${login} 的密码：`);
    const user = await desk.login(login, password);
    return fn(desk, user, password);
  });
}

/** A positive whole number naming a key or a batch (as `key list` / `batch list` show it). */
export function idOf(what: string, value: string): number {
  const v = value.trim();
  if (!/^\d{1,15}$/.test(v) || Number(v) < 1) throw usage(`${what}应为正整数：${value}`);
  return Number(v);
}

export const keyGenerateCommand = defineCommand({
  name: ['key', 'generate'],
  summary: '为自己（--as）生成 SM2 签名密钥对，用于审核签发批次（审核人）',
  details: [
    '私钥由 --as 用户的登录密码加密保存（取自 CREDIT_DESK_PASSWORD，未设置时在终端中询问），审核签发批次时用同一密码解锁。',
    '已有签名密钥时生成新的密钥（轮换）：原密钥停用，但其公钥保留，用它签发的旧批次仍可校验。',
    '生成后用 key export 导出公钥（PEM）及其 SM3 指纹，交平台登记。',
  ].join('\n'),
  options: { db: DB_OPTION, as: AS_OPTION },
  examples: [`${PASSWORD_ENV}=… credit-desk key generate --db 信用.db --as wangwu`],

  async run(ctx) {
    const { io } = ctx;
    return actAsWithPassword(ctx, async (desk, user, password) => {
      const before = (await desk.call('keys.list', {})).filter((k) => k.login === user.login && k.active);
      const cost = kdfCost(io);
      if (cost) io.stderr.write(`警告：${KDF_N_ENV}=${cost.N} 降低了签名私钥的保护强度，仅供测试使用。\n`);
      const key = await desk.call('keys.generate', { password });
      const retired = before.map((k) => k.keyId);
      const text = [
        retired.length > 0 ? `已为 ${key.login} 生成新的签名密钥，原密钥（编号 ${retired.join('、')}）已停用；其公钥仍保留，用于校验旧批次。` : `已为 ${key.login} 生成签名密钥。`,
        '',
        fields([
          ['密钥编号', String(key.keyId)],
          ['指纹（SM3）', key.fingerprint],
          ['生成时间', localTime(key.createdAt)],
        ]),
        '',
        `请用 “credit-desk key export --db … --as ${key.login} --out ${key.login}.pem” 导出公钥，连同上面的指纹交平台登记。`,
      ].join('\n');
      return { data: { ...key, retired }, text };
    });
  },
});

export const keyExportCommand = defineCommand({
  name: ['key', 'export'],
  summary: '导出签名公钥（PEM）及其 SM3 指纹',
  details: [
    '默认导出 --as 用户当前在用的签名密钥；--key 指定其他密钥（编号见 key list，公钥任何人都可以导出）。',
    '给出 --out 时写入该文件（--out 为文件夹时，在其中写入标准文件名 <登录名>-sm2-<编号>.pem）；',
    '否则把 PEM 输出到标准输出、指纹输出到标准错误输出，可直接重定向保存：credit-desk key export … > 公钥.pem',
    '指纹为公钥 DER（SubjectPublicKeyInfo）的 SM3 摘要，与批次清单 manifest.json 中的 keyFingerprint 相同。',
  ].join('\n'),
  options: {
    db: DB_OPTION,
    as: AS_OPTION,
    key: { type: 'string', value: '编号', description: '要导出的密钥编号（默认：--as 用户当前在用的密钥）' },
    out: { type: 'string', value: '文件.pem', description: '写入此文件（或此文件夹中的标准文件名）；已有同名文件时须加 --force 才覆盖' },
  },
  examples: [
    `${PASSWORD_ENV}=… credit-desk key export --db 信用.db --as wangwu --out wangwu.pem`,
    `${PASSWORD_ENV}=… credit-desk key export --db 信用.db --as wangwu --key 3 > 旧公钥.pem`,
  ],

  async run(ctx) {
    const { args, io, json } = ctx;
    const keyId = args.get('key') === undefined ? undefined : idOf('--key（密钥编号）', args.need('key'));
    const outArg = args.get('out');
    const out = outArg === undefined ? undefined : resolve(outArg);
    const intoFolder = out !== undefined && existsSync(out) && statSync(out).isDirectory();
    if (out !== undefined && !intoFolder) checkOutput(out);
    return actAs(ctx, async (desk, user) => {
      let id = keyId;
      if (id === undefined) {
        const active = (await desk.call('keys.list', {})).find((k) => k.login === user.login && k.active);
        if (!active) throw new CliError('NOT_FOUND', `${user.login} 还没有签名密钥：请先运行 key generate（审核人）。`);
        id = active.keyId;
      }
      const exported = await desk.call('keys.exportPublic', { keyId: id });
      const path = out === undefined ? null : intoFolder ? join(out, exported.fileName) : out;
      if (path !== null) writeOutput(path, exported.pem);
      const data = { keyId: id, fingerprint: exported.fingerprint, fileName: exported.fileName, path, pem: exported.pem };
      if (path !== null) {
        return { data, text: `已导出签名公钥（编号 ${id}）：${path}\n指纹（SM3）：${exported.fingerprint}` };
      }
      // PEM alone on stdout (redirectable to a file); the fingerprint beside it on stderr.
      if (!json) io.stderr.write(`签名公钥编号 ${id}，指纹（SM3）：${exported.fingerprint}\n`);
      return { data, text: exported.pem };
    });
  },
});

export const keyListCommand = defineCommand({
  name: ['key', 'list'],
  summary: '列出签名密钥：自己的（系统管理员、审计员、档案员看到全部）',
  options: { db: DB_OPTION, as: AS_OPTION },

  async run(ctx) {
    return actAs(ctx, async (desk) => {
      const keys = await desk.call('keys.list', {});
      if (keys.length === 0) return { data: { keys }, text: '没有签名密钥。审核人可用 key generate 生成。' };
      const rows = keys.map((k) => [String(k.keyId), k.login, k.fingerprint, localTime(k.createdAt), k.active ? '在用' : `已停用（${localTime(k.retiredAt)}）`]);
      return { data: { keys }, text: `${table(['编号', '登录名', '指纹（SM3）', '生成时间', '状态'], rows)}\n\n共 ${keys.length} 个签名密钥。` };
    });
  },
});
