/**
 * Shared lists from the platform (docs/list-format.md): `list pin` (an administrator
 * pins the platform's public key), `list import` (verified against the pinned keys;
 * refused with its reason and code otherwise, exit 1), `list list`, and `list pack`,
 * the tool a platform (or a test) uses to make a signed list from JSON Lines and an
 * SM2 private key as OpenSSL writes it. `list pack` needs no database.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import type { SharedListView } from '../../contract/checks';
import { LIST_TYPE_NAMES } from '../../core/lists/format';
import { AS_OPTION, DB_OPTION } from '../args';
import { defineCommand } from '../command';
import { CliError, EXIT, usage } from '../errors';
import { actAs, checkActingPassword } from '../acting';
import { PASSWORD_ENV } from '../secrets';
import { fields, localTime, table } from '../text';
import { count, dateOf, integerOf, progressLine } from './records-options';
import { checkOutput, produceOutput } from '../output';

/** What each refusal code means (besides the batch verifier's codes). */
export const LIST_REFUSALS: Record<string, string> = {
  NO_PINNED_KEY: '尚未固定任何平台公钥',
  UNKNOWN_SIGNER: '签名人不是已固定的平台公钥',
  UNSAFE_ARCHIVE: '压缩包不安全（绝对路径、“..”、重名成员或疑似压缩炸弹）',
  MALFORMED: '不是有效的名单文件（zip、清单或编码无法读取）',
  BAD_SIGNATURE: '签名无效：manifest.json 被改动，或签名与 signer.pem 不符',
  MEMBER_MISSING: '缺少成员',
  MEMBER_EXTRA: '多出清单未列的成员',
  MEMBER_SIZE: '成员大小与清单不符',
  MEMBER_DIGEST: '成员内容与清单摘要不符（被改动）',
  ENTRY_INVALID: '名单中有不符合格式的条目',
  COUNT_MISMATCH: '条目数与清单记载不符',
  OLDER_VERSION: '比已导入的版本旧',
  SAME_VERSION: '该版本已导入过',
};

function existingFile(what: string, value: string): string {
  const path = resolve(value);
  if (!existsSync(path)) throw usage(`${what}不存在：${path}`);
  if (!statSync(path).isFile()) throw usage(`${what}不是文件：${path}`);
  return path;
}

const effectName = (e: string) => (e === 'incentive' ? '联合激励' : '联合惩戒');

export const listPinCommand = defineCommand({
  name: ['list', 'pin'],
  summary: '固定平台公钥：只有它签名的共享名单才能导入（系统管理员）',
  details: [
    '--pubkey 为平台提供的 SM2 公钥（PEM SubjectPublicKeyInfo）。固定前请把显示的 SM3 指纹与平台公布的指纹逐组核对。',
    '平台更换密钥时，固定新公钥；旧公钥可在界面中停用（停用不删除，它签过的版本仍注明签名人）。',
  ].join('\n'),
  options: {
    db: DB_OPTION,
    as: AS_OPTION,
    pubkey: { type: 'string', value: '公钥.pem', description: '平台的 SM2 公钥（PEM）', required: true },
    label: { type: 'string', value: '说明', description: '这是谁的公钥（默认：平台公钥 <文件名>）' },
  },
  examples: [`${PASSWORD_ENV}=… credit-desk list pin --db 信用.db --as admin --pubkey 平台公钥.pem --label 栾城区信用信息共享平台`],

  async run(ctx) {
    const path = existingFile('--pubkey 公钥文件', ctx.args.need('pubkey'));
    const label = ctx.args.get('label')?.trim() || `平台公钥 ${basename(path)}`;
    checkActingPassword(ctx);
    return actAs(ctx, async (desk) => {
      const key = await desk.call('lists.pin', { pem: readFileSync(path, 'utf8'), label });
      const text = [
        '已固定平台公钥。请把下面的指纹与平台公布的指纹逐组核对：',
        '',
        fields([
          ['编号', String(key.keyId)],
          ['说明', key.label],
          ['指纹（SM3）', key.fingerprint],
          ['文件', path],
        ]),
      ].join('\n');
      return { data: { ...key }, text };
    });
  },
});

export const listImportCommand = defineCommand({
  name: ['list', 'import'],
  summary: '导入平台的共享名单文件：核验签名、签名人和每个成员的摘要（系统管理员）',
  details: [
    '名单文件的格式见 docs/list-format.md（credit-desk-list/1）。签名人须为已固定的平台公钥（list pin）。',
    '同一名单的较新版本取代当前版本；旧版本保留，以前的核查仍可按当时的版本查看。',
    '拒绝导入时不做任何改动，退出码为 1，并给出原因及其代码：',
    ...Object.entries(LIST_REFUSALS).map(([code, text]) => `  ${code.padEnd(16)} ${text}`),
  ].join('\n'),
  options: { db: DB_OPTION, as: AS_OPTION },
  positionals: [{ name: 'file', value: '名单.zip', description: '平台的共享名单文件', required: true }],
  examples: [`${PASSWORD_ENV}=… credit-desk list import --db 信用.db --as admin 严重失信主体名单-v12.zip`],

  async run(ctx) {
    const path = existingFile('名单文件', ctx.args.positional('file')!);
    checkActingPassword(ctx);
    return actAs(ctx, async (desk) => {
      const progress = progressLine(ctx.io, (e) => `正在导入 ${path}：${count(e.done)}${e.total ? ` / ${count(e.total)}` : ''} 条…`);
      try {
        const r = await desk.call('lists.importFile', { path }, { onProgress: progress.onProgress });
        const text = [
          `已导入“${r.name}”第 ${r.version} 版（${count(r.entryCount)} 条）${r.replaced ? `，取代第 ${r.replaced} 版` : ''}。`,
          '',
          fields([
            ['名单编号', r.listId],
            ['版本', String(r.version)],
            ['条目', count(r.entryCount)],
            ['签名人指纹', r.signerFingerprint],
            ['用时', `${(r.tookMs / 1000).toFixed(1)} 秒`],
          ]),
        ].join('\n');
        return { data: { ok: true, ...r, file: path }, text };
      } catch (err) {
        const refusal = err instanceof CliError ? (err.details as { refusal?: string } | undefined)?.refusal : undefined;
        if (!refusal) throw err;
        return {
          data: { ok: false, code: refusal, reason: err instanceof Error ? err.message : String(err), file: path },
          text: `未导入：${LIST_REFUSALS[refusal] ?? refusal}。\n文件：${path}`,
          exitCode: EXIT.failure,
          problem: { code: refusal, message: err instanceof Error ? err.message : String(err) },
        };
      } finally {
        progress.end();
      }
    });
  },
});

export const listListCommand = defineCommand({
  name: ['list', 'list'],
  summary: '列出已导入的共享名单及其版本',
  options: { db: DB_OPTION, as: AS_OPTION },

  async run(ctx) {
    return actAs(ctx, async (desk) => {
      const lists: SharedListView[] = await desk.call('lists.list', {});
      const keys = await desk.call('lists.keys', {});
      const active = keys.filter((k) => k.active);
      const keyLine = active.length ? `已固定的平台公钥：${active.map((k) => `${k.label}（${k.fingerprint}）`).join('；')}` : '尚未固定平台公钥（list pin）。';
      if (lists.length === 0) return { data: { lists, keys }, text: `还没有导入任何共享名单。\n${keyLine}` };
      const rows = lists.map((l) => [
        l.name,
        l.listType,
        effectName(l.effect),
        l.current ? `第 ${l.current.version} 版（${l.current.issuedOn}）` : '—',
        l.current ? count(l.current.entryCount) : '0',
        l.versions
          .filter((v) => !v.current)
          .map((v) => String(v.version))
          .join('、') || '—',
        l.current ? localTime(l.current.importedAt) : '—',
      ]);
      return {
        data: { lists, keys },
        text: `${table(['名单', '类型', '作用', '当前版本', '条目', '旧版本', '导入时间'], rows)}\n\n共 ${lists.length} 个名单。${keyLine}`,
      };
    });
  },
});

export const listPackCommand = defineCommand({
  name: ['list', 'pack'],
  summary: '用 JSON Lines 和 SM2 私钥制作签名的共享名单文件（供平台和测试使用，无需数据库）',
  details: [
    '--jsonl 每行一个条目：{"name","code","listType","basis","listedOn","expires","measures":[…]}（格式见 docs/list-format.md）；每行都按导入的规则检查，有错误的行连同行号报出，不生成文件。',
    '--key 为 OpenSSL 写出的 SM2 私钥（PEM），例如：openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:SM2 -out 平台私钥.pem',
    '公钥（交各部门固定）：openssl pkey -in 平台私钥.pem -pubout -out 平台公钥.pem',
    `--list-type 为以下之一：${LIST_TYPE_NAMES.join('、')}。`,
    '同一名单的各个版本须有相同的名单编号：默认由发布单位和名单名称得出，也可用 --id 指定。',
  ].join('\n'),
  options: {
    jsonl: { type: 'string', value: '条目.jsonl', description: '名单条目，每行一个 JSON 对象', required: true },
    key: { type: 'string', value: '私钥.pem', description: 'SM2 私钥（PKCS#8 或 SEC1 PEM，未加密）', required: true },
    name: { type: 'string', value: '名称', description: '名单名称', required: true },
    'list-type': { type: 'string', value: '类型', description: '名单类型', required: true },
    issuer: { type: 'string', value: '单位', description: '发布单位', required: true },
    version: { type: 'string', value: 'N', description: '版本号（正整数，新版本取代旧版本）', required: true },
    out: { type: 'string', value: '名单.zip', description: '输出文件', required: true },
    id: { type: 'string', value: '编号', description: '名单编号（默认由发布单位和名称得出）' },
    date: { type: 'string', value: 'YYYY-MM-DD', description: '名单日期（默认今天，北京时间）' },
  },
  examples: ['credit-desk list pack --jsonl 失信主体.jsonl --key 平台私钥.pem --name 严重失信主体名单 --list-type 严重失信主体名单 --issuer 区信用信息共享平台 --version 12 --out 严重失信主体名单-v12.zip'],

  async run({ args }) {
    const jsonl = existingFile('--jsonl 文件', args.need('jsonl'));
    const keyFile = existingFile('--key 私钥文件', args.need('key'));
    const out = resolve(args.need('out'));
    checkOutput(out);
    if (extname(out).toLowerCase() !== '.zip') throw usage(`--out 应为 .zip 文件：${out}`);
    const version = integerOf('version', args.need('version'), 1, Number.MAX_SAFE_INTEGER)!;
    const date = args.get('date') === undefined ? undefined : dateOf('date', args.need('date'));
    const listType = args.need('list-type').trim();
    if (!LIST_TYPE_NAMES.includes(listType)) throw usage(`--list-type 应为以下之一：${LIST_TYPE_NAMES.join('、')}（实为 ${listType}）`);
    // Loaded here, not at start-up (SM2 and the zip writer).
    const { packList, PackError } = await import('../../core/lists/pack');
    try {
      const r = await produceOutput(out, (temp) => packList({
        jsonl,
        keyPem: readFileSync(keyFile, 'utf8'),
        name: args.need('name'),
        listType,
        issuer: args.need('issuer'),
        version,
        out: temp,
        ...(args.get('id') !== undefined ? { listId: args.need('id').trim() } : {}),
        ...(date ? { date } : {}),
      }));
      const m = r.manifest;
      const text = [
        `已生成共享名单文件：${out}`,
        '',
        fields([
          ['名单编号', m.listId],
          ['名称', m.name],
          ['类型', m.listType],
          ['发布单位', m.issuer],
          ['版本', String(m.version)],
          ['日期', m.date],
          ['条目', count(m.count)],
          ['签名人指纹', m.signed.keyFingerprint],
          ['清单 SM3', r.manifestSm3],
        ]),
      ].join('\n');
      return { data: { out, manifestSm3: r.manifestSm3, ...m }, text };
    } catch (err) {
      if (err instanceof PackError) throw usage(err.message);
      throw err;
    }
  },
});
