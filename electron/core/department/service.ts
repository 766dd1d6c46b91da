import type { DepartmentProfile } from '../../contract/types';
import { CoreError } from '../errors';
import { checkUscc, usccMessage } from '../identifiers/uscc';
import type { SqliteDatabase } from '../store/database';

/** Refuses a department code that fails GB 32100 (domain.md §3). */
export function assertDepartmentUscc(uscc: string): void {
  const check = checkUscc(uscc);
  if (!check.ok) {
    throw new CoreError('BAD_INPUT', `部门${usccMessage(check)}：${uscc}`, { field: 'uscc', problem: check.problem });
  }
}

export function getDepartment(db: SqliteDatabase): DepartmentProfile {
  const row = db
    .prepare(
      `SELECT name, uscc, region_code AS regionCode, contact_person AS contactPerson, contact_phone AS contactPhone
       FROM department WHERE id = 1`,
    )
    .get() as DepartmentProfile | undefined;
  if (!row) throw new CoreError('DB_CORRUPT', '数据库中缺少部门信息。');
  return row;
}

export function updateDepartment(db: SqliteDatabase, profile: DepartmentProfile, at: string): DepartmentProfile {
  assertDepartmentUscc(profile.uscc);
  db.prepare(
    `UPDATE department SET name = @name, uscc = @uscc, region_code = @regionCode,
       contact_person = @contactPerson, contact_phone = @contactPhone, updated_at = @at WHERE id = 1`,
  ).run({ ...profile, at });
  return getDepartment(db);
}
