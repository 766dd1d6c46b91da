import yauzl from 'yauzl';
import { StringDecoder } from 'node:string_decoder';
const path = process.argv[2];
const zf: yauzl.ZipFile = await new Promise((res, rej) => yauzl.open(path, { lazyEntries: true, autoClose: false }, (e, z) => e ? rej(e) : res(z!)));
const entries: yauzl.Entry[] = [];
await new Promise<void>((res) => { zf.on('entry', (e) => { entries.push(e); zf.readEntry(); }); zf.on('end', res); zf.readEntry(); });
const e = entries.find((x) => x.fileName.includes('sheet1'))!;
const s: any = await new Promise((res, rej) => zf.openReadStream(e, (err, st) => err ? rej(err) : res(st)));
const chunks: Buffer[] = [];
for await (const c of s) chunks.push(c);
zf.close();
// bigger chunks
const big: Buffer[] = []; for (let i = 0; i < chunks.length; i += 8) big.push(Buffer.concat(chunks.slice(i, i + 8)));
for (let k = 0; k < 3; k++) {
  for (const [name, cs] of [['16k', chunks], ['128k', big]] as const) {
    let t0 = performance.now(); let n = 0;
    const d = new StringDecoder('utf8'); for (const c of cs) n += d.write(c).length;
    console.log(name, 'StringDecoder', (performance.now() - t0).toFixed(0));
    t0 = performance.now(); n = 0;
    const td = new TextDecoder('utf-8'); for (const c of cs) n += td.decode(c, { stream: true }).length;
    console.log(name, 'TextDecoder', (performance.now() - t0).toFixed(0));
    t0 = performance.now(); n = 0;
    for (const c of cs) n += c.toString('utf8').length;
    console.log(name, 'toString', (performance.now() - t0).toFixed(0));
    t0 = performance.now(); n = 0;
    for (const c of cs) n += c.toString('latin1').length;
    console.log(name, 'latin1', (performance.now() - t0).toFixed(0));
  }
}
