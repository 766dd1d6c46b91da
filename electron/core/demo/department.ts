/**
 * A demo department for trying the app: a made-up department, one person per
 * role with printed passwords. Only ever created on request (`--demo`, `demo`).
 */
import { createCore, type CoreOptions } from '../index';
import type { Role } from '../../contract/roles';

export const DEMO_DEPARTMENT = {
  name: '石家庄市栾城区演示局（演示数据）',
  uscc: '91350200776049653A',
  regionCode: '130111',
  contactPerson: '演示联系人',
  contactPhone: '0311-00000000',
};

export const DEMO_USERS: { login: string; name: string; roles: Role[]; password: string }[] = [
  { login: 'admin', name: '系统管理员（演示）', roles: ['admin'], password: 'demo-admin-1' },
  { login: 'clerk', name: '录入员（演示）', roles: ['clerk'], password: 'demo-clerk-1' },
  { login: 'approver', name: '部门负责人（演示）', roles: ['approver'], password: 'demo-approver-1' },
  { login: 'archivist', name: '档案员（演示）', roles: ['archivist'], password: 'demo-archivist-1' },
  { login: 'auditor', name: '审计员（演示）', roles: ['auditor'], password: 'demo-auditor-1' },
];

/** Creates the demo department when the file does not exist yet; null when it already did. */
export async function createDemoDepartment(
  options: CoreOptions,
  admin: { login: string; password: string } = DEMO_USERS[0],
): Promise<{ recoveryCode: string; users: typeof DEMO_USERS; summary: string } | null> {
  const core = createCore(options);
  try {
    const status = await core.invoke('app.status', {});
    if (status.ok && (status.value as { initialized: boolean }).initialized) return null;
    const users = DEMO_USERS.map((u) => (u.roles.includes('admin') ? { ...u, login: admin.login, password: admin.password } : u));
    const init = await core.invoke('setup.initialize', {
      department: DEMO_DEPARTMENT,
      admin: { login: admin.login, name: users[0].name, password: admin.password },
    });
    if (!init.ok) throw new Error(init.error.message);
    for (const u of users.slice(1)) {
      const added = await core.invoke('users.add', u);
      if (!added.ok) throw new Error(added.error.message);
    }
    await core.invoke('auth.logout', {});
    const recoveryCode = (init.value as { recoveryCode: string }).recoveryCode;
    const summary = [
      `恢复码：${recoveryCode}`,
      ...users.map((u) => `  ${u.login.padEnd(10)} 密码 ${u.password.padEnd(18)} ${u.name}`),
    ].join('\n');
    return { recoveryCode, users, summary };
  } finally {
    core.close();
  }
}
