import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PASSWORD_MIN } from '../../contract/limits';
import { DB_OPTION } from '../args';
import { defineCommand } from '../command';
import { CliError, usage } from '../errors';
import { NEW_PASSWORD_ENV, PASSWORD_ENV } from '../secrets';
import { checkInput, withDesk } from '../session';
import { displayWidth, fields, padEnd, ROLE_LABELS } from '../text';

const ADMIN_PASSWORD = '系统管理员的密码';
const ADMIN_PASSWORD_ENVS = [NEW_PASSWORD_ENV, PASSWORD_ENV];

/** The recovery code in a frame, so that it stands out from the rest. */
function recoveryBox(code: string): string {
  const lines = ['恢复码（只显示这一次）：', '', `    ${code}`];
  const width = Math.max(...lines.map(displayWidth)) + 4;
  return [
    `╔${'═'.repeat(width)}╗`,
    ...lines.map((l) => `║  ${padEnd(l, width - 2)}║`),
    `╚${'═'.repeat(width)}╝`,
  ].join('\n');
}

export const initCommand = defineCommand({
  name: ['init'],
  summary: '建立部门数据库和系统管理员账号，并显示恢复码',
  details: [
    `系统管理员的密码取自环境变量 ${NEW_PASSWORD_ENV}，其次 ${PASSWORD_ENV}；都未设置时在终端中询问两次（不回显）。`,
    '成功后显示恢复码，只显示这一次。忘记密码时凭恢复码可以重设密码；密码和恢复码全部丢失后，数据将无法找回。',
    '数据库文件和密钥文件（<文件>.keys）须一起备份，缺一不可。',
  ].join('\n'),
  options: {
    db: { ...DB_OPTION, description: '要建立的部门数据库文件（此位置不能已有数据库）' },
    department: { type: 'string', value: '单位名称', description: '单位名称（2–100 个字）', required: true },
    uscc: { type: 'string', value: '代码', description: '单位的统一社会信用代码（18 位）', required: true },
    region: { type: 'string', value: '代码', description: '行政区划代码（6 位数字，默认 130111）' },
    'contact-person': { type: 'string', value: '姓名', description: '联系人' },
    'contact-phone': { type: 'string', value: '电话', description: '联系电话' },
    admin: { type: 'string', value: '登录名', description: '系统管理员的登录名', required: true },
    'admin-name': { type: 'string', value: '姓名', description: '系统管理员的姓名（默认“系统管理员”）' },
  },
  fieldOptions: {
    'department.name': 'department',
    'department.uscc': 'uscc',
    'department.regionCode': 'region',
    'department.contactPerson': 'contact-person',
    'department.contactPhone': 'contact-phone',
    'admin.login': 'admin',
    'admin.name': 'admin-name',
  },
  examples: [
    `${NEW_PASSWORD_ENV}=… credit-desk init --db 信用.db --department 某某市市场监督管理局 --uscc 91350200776049653A --admin admin --admin-name 张三`,
  ],

  async run({ args, io, secrets }) {
    const department = {
      name: args.need('department'),
      uscc: args.need('uscc'),
      regionCode: args.get('region'),
      contactPerson: args.get('contact-person'),
      contactPhone: args.get('contact-phone'),
    };
    const admin = { login: args.need('admin'), name: args.get('admin-name') ?? ROLE_LABELS.admin };
    // Catch typing mistakes before asking for a password (the core checks again).
    await checkInput('setup.initialize', { department, admin: { ...admin, password: 'x'.repeat(PASSWORD_MIN) } });
    const dir = dirname(resolve(args.need('db')));
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw usage(`目录不存在：${dir}`);
    secrets.ensureAvailable(ADMIN_PASSWORD, ADMIN_PASSWORD_ENVS);

    return withDesk(io, args.need('db'), async (desk) => {
      const status = await desk.call('app.status', {});
      if (status.initialized) throw new CliError('ALREADY_INITIALIZED', `此位置已有部门数据库：${desk.dbPath}`);
      const password = await secrets.chosen(ADMIN_PASSWORD, ADMIN_PASSWORD_ENVS);
      const { recoveryCode, user } = await desk.call('setup.initialize', { department, admin: { ...admin, password } });
      // From here on nothing may stop the recovery code from being shown.
      let profile;
      try {
        profile = await desk.call('department.get', {});
      } catch {
        profile = { ...department, regionCode: department.regionCode ?? '', contactPerson: department.contactPerson ?? '', contactPhone: department.contactPhone ?? '' };
      }
      const text = [
        '已建立部门数据库。',
        '',
        fields([
          ['数据库文件', desk.dbPath],
          ['密钥文件', `${desk.dbPath}.keys`],
          ['单位名称', profile.name],
          ['统一社会信用代码', profile.uscc],
          ['行政区划代码', profile.regionCode],
          ['系统管理员', `${user.login}（${user.name}）`],
        ]),
        '',
        recoveryBox(recoveryCode),
        '',
        '！请立即抄写或打印恢复码，交专人妥善保管（例如放入保险柜），不要保存在这台电脑上。',
        '  忘记密码时，凭恢复码可以重设密码；密码和恢复码全部丢失后，数据将无法找回。',
        '  数据库文件和密钥文件须一起备份，缺一不可。',
      ].join('\n');
      return { data: { recoveryCode, department: profile, admin: user.login }, text };
    });
  },
});
