/**
 * Rule tables (publication periods and classes of 行政处罚, domain.md §4):
 * `rules list` and `rules install FILE.json`. The rules change by law every few
 * years; an administrator installs a new version, which applies from its
 * `effectiveFrom` date. Versions are never replaced, and every record keeps the
 * version it was computed with.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { AS_OPTION, DB_OPTION } from '../args';
import { defineCommand } from '../command';
import { usage } from '../errors';
import { actAs, checkActingPassword } from '../acting';
import { PASSWORD_ENV } from '../secrets';
import { fields, table } from '../text';
import { refusalsExit1 } from './batch';
import { CoreError } from '../../core/errors';
import { parseRuleTableFile } from '../../core/io/json-table';

export const rulesListCommand = defineCommand({
  name: ['rules', 'list'],
  summary: '列出规则表（公示期限与分类、异议和修复的时限与材料、文书引用的法律依据）的各个版本',
  options: { db: DB_OPTION, as: AS_OPTION },

  async run(ctx) {
    return actAs(ctx, async (desk) => {
      const rules = await desk.call('rules.list', {});
      const kinds: Record<string, string> = { 'penalty-publication': '公示期限', 'case-rules': '案件规则', 'legal-bases': '法律依据' };
      const rows = rules.map((r) => [kinds[r.kind] ?? r.kind, r.version, r.effectiveFrom, r.builtIn ? '内置' : '已安装', r.source]);
      return { data: { rules }, text: `${table(['规则', '版本', '施行日期', '来源', '依据'], rows)}\n\n共 ${rules.length} 个版本；计算时采用当日已施行的最新版本。` };
    });
  },
});

export const rulesInstallCommand = defineCommand({
  name: ['rules', 'install'],
  summary: '安装新版本的规则表（JSON），自其施行日期起用于计算公示期限或案件期限（系统管理员）',
  details: [
    '规则表的格式与内置版本相同（可先用 rules list 查看版本号）。公示期限规则：family 为 penalty-publication，含 version、effectiveFrom、source、classes、classification、specialFields；',
    '案件规则：family 为 case-rules，含 version、effectiveFrom、source、objection、repair（时限与材料清单）、extension、dueSoonWorkingDays，自 effectiveFrom 起用于此后收到的异议和修复申请。',
    '法律依据表：family 为 legal-bases，含 version、effectiveFrom、source、bases（key、name、article、text：名称、条款、条文原文）、cite（每种文书情形引用的依据 key），用于此后登记的案件所出具的文书。',
    '版本号不可重复；已安装的版本不能替换或删除。已有记录保留其计算时所用的版本。',
    '格式有误或版本号已存在时拒绝安装（退出码 1），不做任何改动。',
  ].join('\n'),
  options: { db: DB_OPTION, as: AS_OPTION },
  positionals: [{ name: 'file', value: '规则表.json', description: '规则表文件（JSON）', required: true }],
  examples: [`${PASSWORD_ENV}=… credit-desk rules install --db 信用.db --as admin 公示规则-2027.json`],

  async run(ctx) {
    const path = resolve(ctx.args.positional('file')!);
    if (!existsSync(path) || !statSync(path).isFile()) throw usage(`文件不存在：${path}`);
    let body: Record<string, unknown>;
    try {
      body = parseRuleTableFile(readFileSync(path));
    } catch (err) {
      throw usage(err instanceof CoreError ? err.message : String(err));
    }
    checkActingPassword(ctx);
    return refusalsExit1(
      actAs(ctx, async (desk) => {
        const installed = await desk.call('rules.install', { table: body });
        const text = [
          `已安装规则表 ${installed.version}，自 ${installed.effectiveFrom} 起用于新计算的公示期限。`,
          '',
          fields([
            ['版本', installed.version],
            ['施行日期', installed.effectiveFrom],
            ['依据', installed.source],
            ['文件', path],
          ]),
        ].join('\n');
        return { data: { ...installed, file: path }, text };
      }),
    );
  },
});
