import { ROLES, isRole, type Role } from '../../contract/roles';
import { PASSWORD_MIN } from '../../contract/limits';
import { AS_OPTION, DB_OPTION, type Args } from '../args';
import { defineCommand } from '../command';
import { CliError, usage } from '../errors';
import { actAs, checkActingPassword } from '../acting';
import { NEW_PASSWORD_ENV, PASSWORD_ENV } from '../secrets';
import { checkInput, withDesk } from '../session';
import { localTime, roleList, ROLE_LABELS, table } from '../text';

function parseRoles(args: Args<'role'>): Role[] {
  const words = args
    .all('role')
    .flatMap((v) => v.split(/[,，、]/))
    .map((r) => r.trim())
    .filter(Boolean);
  const unknown = words.filter((r) => !isRole(r));
  if (unknown.length > 0 || words.length === 0) {
    throw usage(`未知的角色：${unknown.join('、') || '（空）'}。可用的角色：${ROLES.map((r) => `${r}（${ROLE_LABELS[r]}）`).join('、')}`);
  }
  return [...new Set(words as Role[])];
}

export const userAddCommand = defineCommand({
  name: ['user', 'add'],
  summary: '添加用户（系统管理员）',
  details: `新用户的密码取自环境变量 ${NEW_PASSWORD_ENV}；未设置时在终端中询问两次（不回显）。新用户首次登录后须先修改密码（user passwd），才能做其他操作。\n可用的角色：${ROLES.map((r) => `${r}（${ROLE_LABELS[r]}）`).join('、')}。`,
  options: {
    db: DB_OPTION,
    as: AS_OPTION,
    login: { type: 'string', value: '登录名', description: '新用户的登录名（小写字母开头，2–32 位）', required: true },
    name: { type: 'string', value: '姓名', description: '新用户的姓名', required: true },
    role: { type: 'string', value: '角色[,角色]', description: '角色，多个用逗号分隔', required: true, multiple: true },
  },
  fieldOptions: { login: 'login', name: 'name', roles: 'role' },
  examples: [`${PASSWORD_ENV}=… ${NEW_PASSWORD_ENV}=… credit-desk user add --db 信用.db --as admin --login lisi --name 李四 --role clerk,approver`],

  async run(ctx) {
    const { args, secrets } = ctx;
    const user = { login: args.need('login'), name: args.need('name'), roles: parseRoles(args) };
    await checkInput('users.add', { ...user, password: 'x'.repeat(PASSWORD_MIN) });
    checkActingPassword(ctx);
    secrets.ensureAvailable('新用户的密码', [NEW_PASSWORD_ENV]);
    return actAs(ctx, async (desk) => {
      const password = await secrets.chosen(`新用户 ${user.login} 的密码`, [NEW_PASSWORD_ENV]);
      const added = await desk.call('users.add', { ...user, password });
      return {
        data: { user: added },
        text: `已添加用户 ${added.login}（${added.name}），角色：${roleList(added.roles)}。${added.mustChangePassword ? `\n${added.login} 首次登录后须先修改密码：credit-desk user passwd --db … --as ${added.login}` : ''}`,
      };
    });
  },
});

export const userListCommand = defineCommand({
  name: ['user', 'list'],
  summary: '列出全部用户（系统管理员）',
  options: { db: DB_OPTION, as: AS_OPTION },

  async run(ctx) {
    return actAs(ctx, async (desk) => {
      const users = await desk.call('users.list', {});
      const rows = users.map((u) => [
        u.login,
        u.name,
        u.roles.map((r) => ROLE_LABELS[r] ?? r).join('、'),
        u.active ? (u.mustChangePassword ? '在用（须改密码）' : '在用') : `已停用${u.disabledReason ? `：${u.disabledReason}` : ''}`,
        localTime(u.createdAt),
        localTime(u.lastLoginAt),
        localTime(u.disabledAt),
      ]);
      const active = users.filter((u) => u.active).length;
      return {
        data: { users },
        text: `${table(['登录名', '姓名', '角色', '状态', '创建时间', '最后登录', '停用时间'], rows)}\n\n共 ${users.length} 名用户，在用 ${active} 名。`,
      };
    });
  },
});

export const userDisableCommand = defineCommand({
  name: ['user', 'disable'],
  summary: '停用用户并重新加密数据库（系统管理员）',
  details: [
    '停用后该用户无法再登录；数据库换用新的密钥重新加密，该用户手中旧的密钥副本随之失效。数据库较大时需要一些时间。',
    '须说明停用原因（记入审计日志）；执行者的密码再次确认身份。',
    '数据库正被其他程序（信用工作台窗口、另一个命令）打开时无法重新加密：此时什么也不改变，退出码为 1 [BUSY]，关闭其他程序后重试。',
  ].join('\n'),
  options: {
    db: DB_OPTION,
    as: AS_OPTION,
    login: { type: 'string', value: '登录名', description: '要停用的用户', required: true },
    reason: { type: 'string', value: '原因', description: '停用原因（例如“调离本部门”）', required: true },
  },
  fieldOptions: { login: 'login', reason: 'reason' },
  examples: ['credit-desk user disable --db 信用.db --as admin --login lisi --reason 调离本部门'],

  async run(ctx) {
    const { args, io, json } = ctx;
    const login = args.need('login');
    const reason = args.need('reason');
    await checkInput('users.disable', { login, reason, password: 'x' });
    return actAs(ctx, async (desk, _me, password) => {
      if (!json) io.stderr.write(`正在停用 ${login} 并重新加密数据库…\n`);
      const user = await desk.call('users.disable', { login, reason, password });
      return {
        data: { user },
        text: `已停用用户 ${user.login}（${user.name}），数据库已用新密钥重新加密。`,
      };
    });
  },
});

export const userEnableCommand = defineCommand({
  name: ['user', 'enable'],
  summary: '重新启用已停用的用户，并设置临时密码（系统管理员）',
  details: `该用户得到一份新的密钥副本，密码取自 ${NEW_PASSWORD_ENV}（未设置时询问两次）；该用户下次登录时须修改密码。记入审计日志。`,
  options: {
    db: DB_OPTION,
    as: AS_OPTION,
    login: { type: 'string', value: '登录名', description: '要重新启用的用户', required: true },
  },
  fieldOptions: { login: 'login', newPassword: 'login' },

  async run(ctx) {
    const { args, secrets } = ctx;
    const login = args.need('login');
    await checkInput('users.enable', { login, newPassword: 'x'.repeat(PASSWORD_MIN), password: 'x' });
    checkActingPassword(ctx);
    secrets.ensureAvailable('新密码', [NEW_PASSWORD_ENV]);
    return actAs(ctx, async (desk, _me, password) => {
      const newPassword = await secrets.chosen(`用户 ${login} 的临时密码`, [NEW_PASSWORD_ENV]);
      const user = await desk.call('users.enable', { login, newPassword, password });
      return { data: { user }, text: `已重新启用用户 ${user.login}（${user.name}）；其下次登录时须修改密码。` };
    });
  },
});

export const userSetPasswordCommand = defineCommand({
  name: ['user', 'set-password'],
  summary: '为他人设置新密码（系统管理员；对方下次登录时须修改）',
  details: [
    `新密码取自 ${NEW_PASSWORD_ENV}（未设置时询问两次）。该用户得到新的密钥副本；其原有的签名密钥随之无法再用于签发（须重新生成）。`,
    '忘记自己密码的系统管理员请用 user reset（恢复码）。',
  ].join('\n'),
  options: {
    db: DB_OPTION,
    as: AS_OPTION,
    login: { type: 'string', value: '登录名', description: '要设置密码的用户', required: true },
  },
  fieldOptions: { login: 'login' },

  async run(ctx) {
    const { args, secrets } = ctx;
    const login = args.need('login');
    await checkInput('users.resetPassword', { login, newPassword: 'x'.repeat(PASSWORD_MIN), password: 'x' });
    checkActingPassword(ctx);
    secrets.ensureAvailable('新密码', [NEW_PASSWORD_ENV]);
    return actAs(ctx, async (desk, _me, password) => {
      const newPassword = await secrets.chosen(`用户 ${login} 的新密码`, [NEW_PASSWORD_ENV]);
      const user = await desk.call('users.resetPassword', { login, newPassword, password });
      return { data: { user }, text: `已为 ${user.login}（${user.name}）设置新密码；其下次登录时须修改密码。` };
    });
  },
});

export const userPasswdCommand = defineCommand({
  name: ['user', 'passwd'],
  summary: '修改自己（--as）的密码',
  details: `原密码取自 ${PASSWORD_ENV}，新密码取自 ${NEW_PASSWORD_ENV}；未设置时在终端中询问（新密码询问两次）。`,
  options: { db: DB_OPTION, as: AS_OPTION },

  async run(ctx) {
    const { args, io, secrets } = ctx;
    const login = args.need('as');
    secrets.ensureAvailable(`用户 ${login} 的原密码`, [PASSWORD_ENV]);
    secrets.ensureAvailable('新密码', [NEW_PASSWORD_ENV]);
    return withDesk(io, args.need('db'), async (desk) => {
      const oldPassword = await secrets.existing(`用户 ${login} 的原密码`, [PASSWORD_ENV], `请输入 ${login} 的原密码：`);
      await desk.login(login, oldPassword);
      const newPassword = await secrets.chosen('新密码', [NEW_PASSWORD_ENV]);
      if (newPassword === oldPassword) throw new CliError('BAD_INPUT', '新密码不能与原密码相同。');
      await desk.call('auth.changePassword', { oldPassword, newPassword });
      return { data: { login, changed: true }, text: `已修改 ${login} 的密码，下次登录请使用新密码。` };
    });
  },
});

export const userResetCommand = defineCommand({
  name: ['user', 'reset'],
  summary: '凭恢复码重设某个用户的密码',
  details: `新密码取自 ${NEW_PASSWORD_ENV}；未设置时在终端中询问两次（不回显）。恢复码不区分大小写，可省略连字符。`,
  options: {
    db: DB_OPTION,
    login: { type: 'string', value: '登录名', description: '要重设密码的用户', required: true },
    'recovery-code': { type: 'string', value: '恢复码', description: '建立数据库时显示的恢复码', required: true },
  },
  fieldOptions: { login: 'login', recoveryCode: 'recovery-code' },

  async run({ args, io, secrets }) {
    const login = args.need('login');
    const recoveryCode = args.need('recovery-code');
    await checkInput('auth.resetPassword', { login, recoveryCode, newPassword: 'x'.repeat(PASSWORD_MIN) });
    secrets.ensureAvailable('新密码', [NEW_PASSWORD_ENV]);
    return withDesk(io, args.need('db'), async (desk) => {
      const newPassword = await secrets.chosen(`用户 ${login} 的新密码`, [NEW_PASSWORD_ENV]);
      const user = await desk.call('auth.resetPassword', { login, recoveryCode, newPassword });
      return { data: { user }, text: `已重设 ${user.login}（${user.name}）的密码，下次登录请使用新密码。` };
    });
  },
});
