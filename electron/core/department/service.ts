import { DOC_NO_CODES, LETTER_KINDS, LETTER_TITLES, type LetterKind } from '../../contract/letters';
import type { DepartmentProfile } from '../../contract/types';
import { CoreError } from '../errors';
import { checkUscc, usccMessage } from '../identifiers/uscc';
import { eq } from 'drizzle-orm';
import { department } from '../../../drizzle/schema';
import type { SqliteDatabase } from '../store/database';
import { orm } from '../store/orm';

/** Refuses a department code that fails GB 32100 (domain.md §3). */
export function assertDepartmentUscc(uscc: string): void {
  const check = checkUscc(uscc);
  if (!check.ok) {
    throw new CoreError('BAD_INPUT', `部门${usccMessage(check)}：${uscc}`, { field: 'uscc', problem: check.problem });
  }
}

export function getDepartment(db: SqliteDatabase): DepartmentProfile {
  const row = orm(db)
    .select({
      name: department.name,
      uscc: department.uscc,
      regionCode: department.regionCode,
      contactPerson: department.contactPerson,
      contactPhone: department.contactPhone,
      shortName: department.shortName,
      reconsiderationBody: department.reconsiderationBody,
      court: department.court,
      docNoPatterns: department.docNoPatterns,
    })
    .from(department)
    .where(eq(department.id, 1))
    .get();
  if (!row) throw new CoreError('DB_CORRUPT', '数据库中缺少部门信息。');
  return { ...row, docNoPatterns: JSON.parse(row.docNoPatterns) as Record<string, string> };
}

/**
 * A kind's 发文字号 pattern: the administrator's, or `<代字>信受〔{year}〕{n}号` built from
 * the short name (the department's name while none is set), so the first letter of a
 * new department already has a number (GB/T 9704: 机关代字〔年份〕序号号).
 */
export function docNoPattern(profile: Pick<DepartmentProfile, 'name' | 'shortName' | 'docNoPatterns'>, kind: LetterKind): string {
  return profile.docNoPatterns[kind] || `${profile.shortName || profile.name}${DOC_NO_CODES[kind]}〔{year}〕{n}号`;
}

/** The number as the pattern writes it: the year in full, the sequence without leading zeros. */
export function formatDocNo(pattern: string, year: number, n: number): string {
  return pattern.replaceAll('{year}', String(year)).replaceAll('{n}', String(n));
}

function checkPatterns(profile: Pick<DepartmentProfile, 'name' | 'shortName' | 'docNoPatterns'>): void {
  for (const [kind, pattern] of Object.entries(profile.docNoPatterns)) {
    if (!(LETTER_KINDS as readonly string[]).includes(kind)) {
      throw new CoreError('BAD_INPUT', `没有“${kind}”这种文书；可设置发文字号的文书：${LETTER_KINDS.map((k) => `${k}（${LETTER_TITLES[k]}）`).join('、')}。`, { field: 'docNoPatterns' });
    }
    if (!pattern.includes('{n}')) throw new CoreError('BAD_INPUT', `${LETTER_TITLES[kind as LetterKind]}的发文字号格式须含序号 {n}，如 栾市监信复〔{year}〕{n}号：${pattern}`, { field: 'docNoPatterns' });
    if (!pattern.includes('{year}')) throw new CoreError('BAD_INPUT', `${LETTER_TITLES[kind as LetterKind]}的发文字号格式须含年份 {year}（序号按年编排）：${pattern}`, { field: 'docNoPatterns' });
    if (/[{}]/.test(pattern.replaceAll('{year}', '').replaceAll('{n}', ''))) throw new CoreError('BAD_INPUT', `发文字号格式只能使用 {year} 和 {n}：${pattern}`, { field: 'docNoPatterns' });
  }
  // Two kinds numbered in one pattern would give two letters the same number.
  const seen = new Map<string, LetterKind>();
  for (const kind of LETTER_KINDS) {
    const p = docNoPattern(profile, kind);
    const other = seen.get(p);
    if (other) throw new CoreError('BAD_INPUT', `${LETTER_TITLES[other]}和${LETTER_TITLES[kind]}的发文字号格式相同（${p}），编号会重复：请为每种文书使用不同的代字。`, { field: 'docNoPatterns' });
    seen.set(p, kind);
  }
}

export type DepartmentUpdate = Omit<DepartmentProfile, 'shortName' | 'reconsiderationBody' | 'court' | 'docNoPatterns'> &
  Partial<Pick<DepartmentProfile, 'shortName' | 'reconsiderationBody' | 'court' | 'docNoPatterns'>>;

/** Saves the profile; the letter settings not given keep their value, patterns given are merged in (an empty one restores the default). */
export function updateDepartment(db: SqliteDatabase, profile: DepartmentUpdate, at: string): DepartmentProfile {
  assertDepartmentUscc(profile.uscc);
  const current = getDepartment(db);
  const patterns = { ...current.docNoPatterns };
  for (const [kind, pattern] of Object.entries(profile.docNoPatterns ?? {})) {
    if (pattern.trim()) patterns[kind] = pattern.trim();
    else delete patterns[kind];
  }
  const next: DepartmentProfile = {
    ...profile,
    shortName: profile.shortName ?? current.shortName,
    reconsiderationBody: profile.reconsiderationBody ?? current.reconsiderationBody,
    court: profile.court ?? current.court,
    docNoPatterns: patterns,
  };
  checkPatterns(next);
  orm(db)
    .update(department)
    .set({
      name: next.name,
      uscc: next.uscc,
      regionCode: next.regionCode,
      contactPerson: next.contactPerson,
      contactPhone: next.contactPhone,
      shortName: next.shortName,
      reconsiderationBody: next.reconsiderationBody,
      court: next.court,
      docNoPatterns: JSON.stringify(next.docNoPatterns),
      updatedAt: at,
    })
    .where(eq(department.id, 1))
    .run();
  return getDepartment(db);
}
