/**
 * The records and cases behind a figure: the 统计 page opens them in the records
 * list and the case list with the same filters as ever (`statistic`).
 */
import type { CaseStatisticFilter, RecordStatisticFilter } from '../../contract/statistics';
import { listCategories } from '../catalog/registry';
import { CoreError } from '../errors';
import type { SqliteDatabase } from '../store/database';
import { caseSets } from './cases';
import { monthWindow } from './month';
import { recordFigureSql, type FigureSql } from './records';

export function statisticRecords(db: SqliteDatabase, f: RecordStatisticFilter, now: Date): FigureSql {
  const keys = listCategories().map((c) => c.key);
  if (f.category && !keys.includes(f.category)) throw new CoreError('BAD_INPUT', `没有“${f.category}”这一类信用记录。`);
  return recordFigureSql(db, f.figure, monthWindow(f.month, now), f.category ? [f.category] : keys);
}

export function statisticCases(db: SqliteDatabase, f: CaseStatisticFilter, now: Date): number[] {
  return caseSets(db, f.kind, monthWindow(f.month, now)).ids[f.figure];
}
