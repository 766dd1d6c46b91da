import ExcelJS from 'exceljs';
import { generatePenaltyWorkbook } from '../../bench/fixtures';
import { readXlsxRows } from '../../../electron/core/io/xlsx-reader';
for (const sst of [false, true]) {
const p = `/tmp/io/smoke-${sst}.xlsx`;
await generatePenaltyWorkbook(p, 3000, { sharedStrings: sst });
const ours: unknown[] = [];
for await (const r of readXlsxRows(p)) ours.push(r);
const ref: unknown[] = [];
const reader = new ExcelJS.stream.xlsx.WorkbookReader(p, { sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore', worksheets: 'emit', entries: 'emit' } as never);
for await (const ws of reader) for await (const row of ws as AsyncIterable<ExcelJS.Row>) {
  const v = (row.values as unknown[]).slice(1).map(x => x === undefined ? null : x);
  while (v.length && v[v.length-1] === null) v.pop();
  ref.push({ rowNumber: row.number, cells: v });
}
console.log(sst, ours.length, ref.length, JSON.stringify(ours) === JSON.stringify(ref));
const bad = ours.findIndex((o, i) => JSON.stringify(o) !== JSON.stringify(ref[i])); if (bad >= 0) { console.log(bad, JSON.stringify(ours[bad])); console.log(JSON.stringify(ref[bad])); }
}
