import { demoRows } from '../../electron/core/demo/records';
import { validateRecord } from '../../electron/core/catalog/validate';
import { getCompiledCategory } from '../../electron/core/catalog/registry';
const N = 100000;
let t0 = performance.now(); const rows = [...demoRows({ count: N, today: '2026-11-27' })]; console.log('gen', performance.now() - t0);
t0 = performance.now(); for (const row of rows) validateRecord(getCompiledCategory(row.category), row.cells, { today: '2026-11-27' }); console.log('validate', performance.now() - t0);
