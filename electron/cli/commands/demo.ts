import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DEMO_DEPARTMENT, DEMO_USERS } from '../../core/demo/people';
import { PASSWORD_MIN } from '../../contract/limits';
import { DB_OPTION } from '../args';
import { defineCommand } from '../command';
import { CliError, usage } from '../errors';
import { NEW_PASSWORD_ENV, PASSWORD_ENV } from '../secrets';
import { checkInput, KDF_N_ENV, kdfCost } from '../session';
import { fields, ROLE_LABELS, roleList, table } from '../text';
import { categoryName, count, integerOf, STATE_LABELS } from './records-options';
import type { RecordStateName } from '../../contract/records';

const ADMIN_PASSWORD = '系统管理员的密码';
const ADMIN_PASSWORD_ENVS = [PASSWORD_ENV, NEW_PASSWORD_ENV];
const DEFAULT_RECORDS = 10_000;
const MAX_RECORDS = 5_000_000;

export const demoCommand = defineCommand({
  name: ['demo'],
  summary: '建立一个演示部门：各角色的演示用户（显示密码）和生成的演示信用记录',
  details: [
    `像 init 一样建立部门数据库（单位为“${DEMO_DEPARTMENT.name}”），系统管理员的密码取自 ${PASSWORD_ENV}（其次 ${NEW_PASSWORD_ENV}；都未设置时在终端中询问两次）。`,
    `另建 ${DEMO_USERS.filter((u) => !u.roles.includes('admin')).map((u) => `${u.login}（${ROLE_LABELS[u.roles[0]]}）`).join('、')} 等演示用户，密码显示在输出中。`,
    `再生成 --records 条（默认 ${count(DEFAULT_RECORDS)}）逼真的演示信用记录：五个类别、有效的统一社会信用代码和身份证号、近三年的决定日期，`,
    '状态多为待报送，也有已接收、被退回和草稿。生成结果是确定的（同样的条数在同一天得到同样的记录）。',
    '演示数据仅供试用和测试，切勿用于真实的部门。',
  ].join('\n'),
  options: {
    db: { ...DB_OPTION, description: '要建立的演示数据库文件（此位置不能已有数据库）' },
    admin: { type: 'string', value: '登录名', description: '系统管理员的登录名', required: true },
    records: { type: 'string', value: '条数', description: `生成的演示信用记录条数（0–${count(MAX_RECORDS)}，默认 ${count(DEFAULT_RECORDS)}）` },
  },
  fieldOptions: { login: 'admin' },
  examples: [`${PASSWORD_ENV}=… credit-desk demo --db 演示.db --admin admin --records 100000`],

  async run({ args, io, secrets }) {
    const admin = args.need('admin');
    await checkInput('users.add', { login: admin, name: ROLE_LABELS.admin, roles: ['admin'], password: 'x'.repeat(PASSWORD_MIN) });
    const taken = DEMO_USERS.find((u) => !u.roles.includes('admin') && u.login === admin);
    if (taken) throw usage(`登录名 ${admin} 已留给演示用户（${taken.name}），请换一个系统管理员登录名。`);
    const records = integerOf('records', args.get('records'), 0, MAX_RECORDS) ?? DEFAULT_RECORDS;
    const dbPath = resolve(args.need('db'));
    const dir = dirname(dbPath);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw usage(`目录不存在：${dir}`);
    if (existsSync(dbPath) || existsSync(`${dbPath}.keys`)) throw new CliError('ALREADY_INITIALIZED', `此位置已有部门数据库：${dbPath}`);
    const cost = kdfCost(io);
    secrets.ensureAvailable(ADMIN_PASSWORD, ADMIN_PASSWORD_ENVS);
    const password = await secrets.chosen(ADMIN_PASSWORD, ADMIN_PASSWORD_ENVS);
    if (cost) io.stderr.write(`警告：${KDF_N_ENV}=${cost.N} 降低了密码密钥强度，仅供测试使用。\n`);

    const tty = io.stderr.isTTY === true;
    let last = 0;
    let created;
    try {
      const { createDemoDepartment } = await import('../../core/demo/department');
      created = await createDemoDepartment({ dbPath, kdfCost: cost }, { login: admin, password }, {
        records,
        recordOptions: {
          progress: (done, total) => {
            const now = Date.now();
            if (!tty || (now - last < 100 && done < total)) return;
            last = now;
            io.stderr.write(`\r\x1b[K正在生成演示记录：${count(done)} / ${count(total)}`);
          },
        },
      });
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code) throw new CliError(code as never, err instanceof Error ? err.message : String(err));
      throw err;
    } finally {
      if (tty && records > 0) io.stderr.write('\r\x1b[K');
    }
    if (!created) throw new CliError('ALREADY_INITIALIZED', `此位置已有部门数据库：${dbPath}`);

    const users = created.users.map((u) => ({ login: u.login, name: u.name, roles: u.roles, password: u.password }));
    const r = created.records;
    const text = [
      '已建立演示部门（仅供试用，切勿用于真实数据）。',
      '',
      fields([
        ['数据库文件', dbPath],
        ['密钥文件', `${dbPath}.keys`],
        ['单位名称', DEMO_DEPARTMENT.name],
        ['恢复码', created.recoveryCode],
      ]),
      '',
      '演示用户：',
      table(
        ['登录名', '姓名', '角色', '密码'],
        users.map((u) => [u.login, u.name, roleList(u.roles), u.login === admin ? `（${PASSWORD_ENV} 中的密码）` : u.password]),
      ),
      '',
      r
        ? [
            `演示信用记录：${count(r.created)} 条，涉及 ${count(r.subjects)} 个主体，用时 ${(r.tookMs / 1000).toFixed(1)} 秒。`,
            `  按类别：${Object.entries(r.byCategory).map(([k, n]) => `${categoryName(k)} ${count(n)}`).join('，')}`,
            `  按状态：${Object.entries(r.byState).map(([k, n]) => `${STATE_LABELS[k as RecordStateName] ?? k} ${count(n)}`).join('，')}`,
          ].join('\n')
        : '未生成演示信用记录（--records 0）。',
    ].join('\n');
    return {
      data: {
        dbPath,
        recoveryCode: created.recoveryCode,
        department: DEMO_DEPARTMENT,
        users: users.map((u) => (u.login === admin ? { ...u, password: null } : u)),
        records: r ? { created: r.created, subjects: r.subjects, byCategory: r.byCategory, byState: r.byState, tookMs: r.tookMs } : { created: 0 },
      },
      text,
    };
  },
});
