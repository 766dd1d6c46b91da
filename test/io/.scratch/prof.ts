import { readXlsxRowBatches } from '../../../electron/core/io/xlsx-reader';
const path = process.argv[2]; const n = Number(process.argv[3] ?? 7);
const times: number[] = [];
for (let k = 0; k < n; k++) {
const t0 = performance.now(); let rows = 0;
for await (const b of readXlsxRowBatches(path)) rows += b.length;
times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
console.log('min', times[0].toFixed(0), 'median', times[n >> 1].toFixed(0), 'rows/s(min)', Math.round(100001 / times[0] * 1000));
