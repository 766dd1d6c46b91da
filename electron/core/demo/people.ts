/** The demo department and its people (plain data: the command line's help reads it without loading the core). */
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
