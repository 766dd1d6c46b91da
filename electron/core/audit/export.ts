/** The audit trail, as filtered, in an .xlsx workbook in the words the screen uses. */
import { zonedDateTime } from '../../contract/zone';
import type { SqliteDatabase } from '../store/database';
import { writeXlsx, type OutCell } from '../io/xlsx-writer';
import { iterateAudit, type AuditFilter } from './query';

const OUTCOMES = { ok: '成功', error: '失败', denied: '拒绝' } as const;

/** YYYY-MM-DD HH:mm:ss in the department's time zone, as the screen shows it. */
export function localDateTime(iso: string): string {
  return zonedDateTime(iso);
}

/** Writes the matching entries, newest first; returns how many. */
export async function exportAudit(db: SqliteDatabase, filter: AuditFilter, path: string, progress: (n: number) => void): Promise<number> {
  let count = 0;
  function* rows(): Generator<OutCell[]> {
    for (const e of iterateAudit(db, filter)) {
      count++;
      if (count % 5000 === 0) progress(count);
      yield [
        e.seq,
        localDateTime(e.at),
        e.actorName ?? e.actor ?? '',
        e.actor ?? '',
        e.actionLabel,
        e.targetLabel ?? e.target ?? '',
        OUTCOMES[e.outcome],
        e.details.map((d) => `${d.label}：${d.value}`).join('；'),
      ];
    }
  }
  await writeXlsx(path, {
    sheetName: '审计日志',
    columns: [
      { header: '序号', width: 8 },
      { header: '时间', width: 20 },
      { header: '操作人', width: 12 },
      { header: '登录名', width: 12 },
      { header: '操作', width: 18 },
      { header: '对象', width: 40 },
      { header: '结果', width: 8 },
      { header: '详情', width: 80 },
    ],
    rows: rows(),
  });
  return count;
}
