/**
 * A demo department for trying the app: a made-up department, one person per
 * role with printed passwords, and (optionally) generated credit records. Only
 * ever created on request (`--demo`, `demo`).
 */
import type { CoreOptions } from '../index';
import { Desk } from '../desk';
import { dispatch } from '../dispatch';
import { addUser } from '../users/accounts';
import { DEMO_DEPARTMENT, DEMO_USERS } from './people';
import { generateDemoRecords, type DemoRecordsOptions, type DemoRecordsResult } from './records';

export { DEMO_DEPARTMENT, DEMO_USERS } from './people';

export interface DemoDepartmentExtras {
  /** Generated credit records to add (default 0), written as the demo clerk. */
  records?: number;
  /** Passed to the record generator (seed, today, progress, batch size). */
  recordOptions?: Omit<DemoRecordsOptions, 'count' | 'by'>;
}

export interface DemoDepartment {
  recoveryCode: string;
  users: typeof DEMO_USERS;
  /** The generated records, when `records` was asked for. */
  records: DemoRecordsResult | null;
  summary: string;
}

/** Creates the demo department when the file does not exist yet; null when it already did. */
export async function createDemoDepartment(
  options: CoreOptions,
  admin: { login: string; password: string } = DEMO_USERS[0],
  extras: DemoDepartmentExtras = {},
): Promise<DemoDepartment | null> {
  // The desk itself (not a core): the record generator is a local tool, not a contract method.
  const desk = new Desk(options);
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const result = await dispatch(desk, method, input);
    if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
    return result.value as T;
  };
  try {
    const status = await call<{ initialized: boolean; problem: { code: string; message: string } | null }>('app.status', {});
    if (status.initialized) return null;
    // A database without its key file (or the reverse) is never built over.
    if (status.problem) throw Object.assign(new Error(status.problem.message), { code: status.problem.code });
    const users = DEMO_USERS.map((u) => (u.roles.includes('admin') ? { ...u, login: admin.login, password: admin.password } : u));
    const init = await call<{ recoveryCode: string }>('setup.initialize', {
      department: DEMO_DEPARTMENT,
      admin: { login: admin.login, name: users[0].name, password: admin.password },
    });
    // Not through users.add: the demo's printed passwords need no change at first login.
    for (const u of users.slice(1)) addUser(desk, u, { demo: true });
    const clerk = users.find((u) => u.roles.includes('clerk'))!;
    const records = extras.records && extras.records > 0 ? await generateDemoRecords(desk, { ...extras.recordOptions, count: extras.records, by: clerk.login }) : null;
    await call('auth.logout', {});
    const recoveryCode = init.recoveryCode;
    const summary = [
      `恢复码：${recoveryCode}`,
      ...users.map((u) => `  ${u.login.padEnd(10)} 密码 ${u.password.padEnd(18)} ${u.name}`),
      ...(records ? [`演示信用记录：${records.created} 条（${records.subjects} 个主体），用时 ${(records.tookMs / 1000).toFixed(1)} 秒`] : []),
    ].join('\n');
    return { recoveryCode, users, records, summary };
  } finally {
    desk.logout();
  }
}
