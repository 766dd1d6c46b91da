import ExcelJS from 'exceljs';
import { readXlsxRows } from '../../../electron/core/io/xlsx-reader';
for (const sst of [false, true]) {
const p = `/tmp/io/smoke-${sst}.xlsx`;
const ours: unknown[] = [];
for await (const r of readXlsxRows(p)) ours.push(r);
const ref: unknown[] = [];
const wb = new ExcelJS.Workbook(); await wb.xlsx.readFile(p);
wb.worksheets[0].eachRow((row) => {
  const v = (row.values as unknown[]).slice(1).map(x => x === undefined ? null : x instanceof Date ? 25569 + x.getTime()/86400000 : x);
  while (v.length && v[v.length-1] === null) v.pop();
  ref.push({ rowNumber: row.number, cells: Array.from(v, x => x === undefined ? null : x) });
});
console.log(sst, ours.length, ref.length, JSON.stringify(ours) === JSON.stringify(ref));
const bad = ours.findIndex((o, i) => JSON.stringify(o) !== JSON.stringify(ref[i])); if (bad >= 0) { console.log(bad, JSON.stringify(ours[bad])); console.log(JSON.stringify(ref[bad])); }
}
