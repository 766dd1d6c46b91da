import yauzl from 'yauzl';
const path = process.argv[2];
const zf: yauzl.ZipFile = await new Promise((res, rej) => yauzl.open(path, { lazyEntries: true, autoClose: false }, (e, z) => e ? rej(e) : res(z!)));
const entries: yauzl.Entry[] = [];
await new Promise<void>((res) => { zf.on('entry', (e) => { entries.push(e); zf.readEntry(); }); zf.on('end', res); zf.readEntry(); });
const e = entries.find((x) => x.fileName.includes('sheet1'))!;
const st: any = await new Promise((res, rej) => zf.openReadStream(e, (err, x) => err ? rej(err) : res(x)));
const chunks: string[] = []; const d = new TextDecoder(); const bufs: Buffer[] = [];
for await (const c of st) { chunks.push(d.decode(c, { stream: true })); bufs.push(c); }
zf.close();
function bench(name: string, f: () => number) { const ts: number[] = []; let r = 0; for (let k = 0; k < 7; k++) { const t0 = performance.now(); r = f(); ts.push(performance.now() - t0); } ts.sort((a,b)=>a-b); console.log(name, ts[0].toFixed(0), 'ms', r); }
bench('indexOf <', () => { let n = 0; for (const s of chunks) { let i = 0; for (;;) { const j = s.indexOf('<', i); if (j === -1) break; n++; i = j + 1; } } return n; });
bench('charCodeAt loop', () => { let n = 0; for (const s of chunks) { const len = s.length; for (let i = 0; i < len; i++) if (s.charCodeAt(i) === 60) n++; } return n; });
bench('buffer loop', () => { let n = 0; for (const b of bufs) { const len = b.length; for (let i = 0; i < len; i++) if (b[i] === 60) n++; } return n; });
bench('buffer indexOf', () => { let n = 0; for (const b of bufs) { let i = 0; for (;;) { const j = b.indexOf(60, i); if (j === -1) break; n++; i = j + 1; } } return n; });
bench('substring', () => { let n = 0; for (const s of chunks) { let i = 0; for (;;) { const j = s.indexOf('<', i); if (j === -1) break; n += s.substring(i, j).length; i = j + 1; } } return n; });
bench('buf utf8Slice values', () => { let n = 0; for (const b of bufs) { let i = 0; for (;;) { const j = b.indexOf(60, i); if (j === -1) break; if (j > i + 1) n += (b as any).utf8Slice(i, j).length; i = j + 1; } } return n; });
bench('buf toString values', () => { let n = 0; for (const b of bufs) { let i = 0; for (;;) { const j = b.indexOf(60, i); if (j === -1) break; if (j > i + 1) n += b.toString('utf8', i, j).length; i = j + 1; } } return n; });
const td = new TextDecoder();
bench('buf TextDecoder values', () => { let n = 0; for (const b of bufs) { let i = 0; for (;;) { const j = b.indexOf(60, i); if (j === -1) break; if (j > i + 1) n += td.decode(b.subarray(i, j)).length; i = j + 1; } } return n; });
bench('decode whole', () => { let n = 0; const d = new TextDecoder(); for (const b of bufs) n += d.decode(b, {stream: true}).length; return n; });
