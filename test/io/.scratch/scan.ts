import yauzl from 'yauzl';
import { SheetXmlParser, SharedStringsParser, type XlsxRow } from '../../../electron/core/io/xlsx-scan';
const path = process.argv[2];
const zf: yauzl.ZipFile = await new Promise((res, rej) => yauzl.open(path, { lazyEntries: true, autoClose: false }, (e, z) => e ? rej(e) : res(z!)));
const entries: yauzl.Entry[] = [];
await new Promise<void>((res) => { zf.on('entry', (e) => { entries.push(e); zf.readEntry(); }); zf.on('end', res); zf.readEntry(); });
async function texts(name: string) {
  const e = entries.find((x) => x.fileName.includes(name)); if (!e) return [];
  const s: any = await new Promise((res, rej) => zf.openReadStream(e, (err, st) => err ? rej(err) : res(st)));
  const out: string[] = []; const d = new TextDecoder();
  for await (const c of s) out.push(d.decode(c, { stream: true }));
  return out;
}
const sstText = await texts('sharedStrings'); const sheet = await texts('sheet1');
zf.close();
const sp = new SharedStringsParser(); for (const t of sstText) sp.push(t); const sst = sp.end();
const times: number[] = [];
for (let k = 0; k < 15; k++) {
  const c0 = process.cpuUsage();
  const p = new SheetXmlParser(sst); let rows = 0;
  for (const t of sheet) { const out: XlsxRow[] = []; p.push(t, out); rows += out.length; }
  p.end();
  const c = process.cpuUsage(c0); times.push((c.user + c.system) / 1000);
}
times.sort((a, b) => a - b);
console.log('scan cpu min', times[0].toFixed(0), 'median', times[7].toFixed(0));
