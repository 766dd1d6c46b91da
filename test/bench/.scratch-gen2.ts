import { demoRows } from '../../electron/core/demo/records';
const t0 = performance.now(); let n = 0; for (const _ of demoRows({ count: Number(process.argv[2]), today: '2026-11-27' })) n++; console.log('gen', performance.now() - t0);
