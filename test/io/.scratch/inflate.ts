import yauzl from 'yauzl';
import { StringDecoder } from 'node:string_decoder';
const path = process.argv[2];
const zf: yauzl.ZipFile = await new Promise((res, rej) => yauzl.open(path, { lazyEntries: true, autoClose: false }, (e, z) => e ? rej(e) : res(z!)));
const entries: yauzl.Entry[] = [];
await new Promise<void>((res) => { zf.on('entry', (e) => { entries.push(e); zf.readEntry(); }); zf.on('end', res); zf.readEntry(); });
const e = entries.find((x) => x.fileName.includes('sheet1'))!;
for (const decode of [false, true, false, true]) {
const t0 = performance.now();
const s: any = await new Promise((res, rej) => zf.openReadStream(e, (err, st) => err ? rej(err) : res(st)));
let n = 0, chunks = 0; const d = new StringDecoder('utf8'); let chars = 0;
for await (const c of s) { n += c.length; chunks++; if (decode) chars += d.write(c).length; }
console.log(decode ? 'inflate+decode' : 'inflate', n, chunks, chars, (performance.now() - t0).toFixed(0), 'ms');
}
zf.close();
