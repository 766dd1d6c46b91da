/**
 * The import writes each chunk's subjects, search entries and queue rows together
 * (RecordBatch, issue 22 item 8). What a row-by-row writer gave must still hold when
 * rows of one chunk depend on each other: a subject met again in the same file, and
 * a later row correcting (--update) a record an earlier row of the same file created,
 * under another name, which replaces its search entry and its queued operation.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportSummary, RecordVersionView, SearchResult } from '../../electron/contract/records';
import { importThreading } from '../../electron/core/records/import';
import { clerkDesk, penaltyRow, value, withRaw } from '../helpers';

const CODES = ['CF_XDR_MC', 'CF_XDR_LB', 'CF_XDR_SHXYM', 'CF_FRDB', 'CF_WSH', 'CF_WFXW', 'CF_SY', 'CF_YJ', 'CF_CFLB', 'CF_NR', 'CF_NR_FK', 'CF_JDRQ', 'CF_YXQ', 'CF_CFJG', 'CF_CFJGDM', 'CF_SJLY', 'CF_SJLYDM'];

async function xlsx(rows: Record<string, unknown>[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('行政处罚');
  ws.addRow(CODES);
  for (const r of rows) ws.addRow(CODES.map((c) => r[c] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

describe.each([
  ['in the core thread', Number.POSITIVE_INFINITY],
  ['in a worker thread', 0],
])('rows of one chunk that depend on each other, parsed %s', (_where, workerFromBytes) => {
  const usual = importThreading.workerFromBytes;
  beforeAll(() => void (importThreading.workerFromBytes = workerFromBytes));
  afterAll(() => void (importThreading.workerFromBytes = usual));

  it('a subject met twice is one subject; a row correcting an earlier row of the file leaves one search entry and one add', async () => {
    const core = await clerkDesk();
    const rows = [
      penaltyRow({ CF_WSH: '栾市监罚〔2026〕1号', CF_XDR_MC: '石家庄市栾城区恒瑞商贸有限公司' }),
      penaltyRow({ CF_WSH: '栾市监罚〔2026〕2号', CF_XDR_MC: '石家庄市栾城区恒瑞商贸有限公司' }),
      penaltyRow({ CF_WSH: '栾市监罚〔2026〕3号', CF_XDR_MC: '正定县华鑫建材有限公司', CF_XDR_SHXYM: '91230500MA1B3N1N2M' }),
      // Row 5 corrects row 2's record (same subject, same number): another fine and another name.
      penaltyRow({ CF_WSH: '栾市监罚〔2026〕1号', CF_XDR_MC: '石家庄市栾城区永盛物流有限公司', CF_NR_FK: '0.7', CF_NR: '罚款人民币七千元' }),
    ];
    const summary = value<ImportSummary>(await core.invoke('import.run', { category: 'penalty', fileName: '处罚.xlsx', content: await xlsx(rows), update: true }));
    expect(summary).toMatchObject({ imported: 3, updated: 1, duplicates: 0, rejected: 0, queued: 4 });

    const all = value<SearchResult>(await core.invoke('records.search', { category: 'penalty' }));
    expect(all.total).toBe(3);
    const first = all.items.find((i) => i.decisionNo === '栾市监罚〔2026〕1号')!;
    const second = all.items.find((i) => i.decisionNo === '栾市监罚〔2026〕2号')!;
    expect(first.subjectId).toBe(second.subjectId);
    expect(first).toMatchObject({ version: 2, subjectName: '石家庄市栾城区永盛物流有限公司' });
    const history = value<RecordVersionView[]>(await core.invoke('records.history', { recordId: first.recordId }));
    expect(history.map((h) => [h.version, h.action])).toEqual([
      [2, 'import'],
      [1, 'import'],
    ]);

    // The name search finds the corrected record by its new name only, once.
    const byNew = value<SearchResult>(await core.invoke('records.search', { query: '永盛物流' }));
    expect(byNew.items.map((i) => i.recordId)).toEqual([first.recordId]);
    const byOld = value<SearchResult>(await core.invoke('records.search', { query: '恒瑞商贸' }));
    expect(byOld.items.map((i) => i.recordId)).toEqual([second.recordId]);

    // One operation per record, the corrected one still an `add`, now of version 2.
    expect(value<{ total: number }>(await core.invoke('batches.pending', {})).total).toBe(3);
    await withRaw(core, (db) => {
      expect(db.prepare('SELECT op, version FROM report_ops WHERE record_id = ?').all(first.recordId)).toEqual([{ op: 'add', version: 2 }]);
      // One search entry per record and per subject: the subjects' too are written per chunk.
      expect(db.prepare('SELECT count(*) AS n FROM record_search').get()).toEqual({ n: 3 });
      expect(db.prepare('SELECT count(*) AS n FROM subjects').get()).toEqual({ n: 2 });
      expect(db.prepare(`SELECT rowid FROM subject_search WHERE subject_search MATCH '"华鑫"'`).all()).toHaveLength(1);
    });
  });
});
