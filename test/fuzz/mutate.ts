/**
 * Seeded mutations of valid files: byte flips, truncation, junk, zip members
 * removed, duplicated, renamed, damaged or blown up, and JSON fields changed in
 * type or made huge. Every choice comes from the `random` given, so a seed
 * replays the same damage (zip entries carry fixed times).
 */
import yazl from 'yazl';
import { zipEntries } from '../zip';

export type Random = () => number;

/** One way of damaging a file; `name` goes into the failure message. */
export interface Mutation {
  name: string;
  apply(bytes: Buffer, random: Random): Promise<Buffer> | Buffer;
}

export const int = (random: Random, n: number) => Math.floor(random() * n);
export const pick = <T>(random: Random, items: readonly T[]): T => items[int(random, items.length)];

// --- bytes ---------------------------------------------------------------------------

export const byteMutations: Mutation[] = [
  {
    name: 'flip bytes',
    apply(bytes, random) {
      const out = Buffer.from(bytes);
      const n = 1 + int(random, 8);
      for (let i = 0; i < n && out.length > 0; i++) out[int(random, out.length)] ^= 1 + int(random, 255);
      return out;
    },
  },
  { name: 'truncate', apply: (bytes, random) => bytes.subarray(0, int(random, bytes.length)) },
  {
    name: 'zero a range',
    apply(bytes, random) {
      const out = Buffer.from(bytes);
      const at = int(random, out.length);
      out.fill(0, at, Math.min(out.length, at + 1 + int(random, 512)));
      return out;
    },
  },
  {
    name: 'insert junk',
    apply(bytes, random) {
      const at = int(random, bytes.length + 1);
      const junk = Buffer.from(Array.from({ length: 1 + int(random, 64) }, () => int(random, 256)));
      return Buffer.concat([bytes.subarray(0, at), junk, bytes.subarray(at)]);
    },
  },
  { name: 'empty file', apply: () => Buffer.alloc(0) },
  { name: 'random bytes', apply: (_bytes, random) => Buffer.from(Array.from({ length: int(random, 4096) }, () => int(random, 256))) },
];

// --- zip archives --------------------------------------------------------------------

export interface ZipMember {
  name: string;
  data: Buffer;
  /** Stored rather than deflated (backups store their big members). */
  store?: boolean;
}

export async function readZip(bytes: Buffer): Promise<ZipMember[]> {
  return (await zipEntries(bytes)).map(({ name, data, store }) => ({ name, data, store }));
}

/** Names yazl refuses to write (`..`, absolute, backslashes): written under a stand-in of the same length, then patched in. */
const unsafeZipName = (name: string) => /^[a-zA-Z]:|^\/|\\/.test(name) || name.split('/').includes('..') || name === '';

export async function writeZip(members: ZipMember[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const patches: [Buffer, Buffer][] = [];
  for (const [i, m] of members.entries()) {
    const options = { mtime: new Date('2026-01-01T00:00:00Z'), compress: !m.store };
    if (m.name.endsWith('/') && m.data.length === 0) {
      zip.addEmptyDirectory(m.name, { mtime: options.mtime });
      continue;
    }
    let name = m.name;
    if (unsafeZipName(name) || name.endsWith('/')) {
      const raw = Buffer.from(name);
      const stand = Buffer.from(`~${i}~`.padEnd(raw.length, 'q').slice(0, Math.max(raw.length, 3)));
      if (stand.length !== raw.length) throw new Error(`cannot write the zip name ${JSON.stringify(name)}`);
      patches.push([stand, raw]);
      name = stand.toString();
    }
    zip.addBuffer(m.data, name, options);
  }
  zip.end();
  const out = await new Promise<Buffer>((resolve, reject) => {
    const parts: Buffer[] = [];
    zip.outputStream.on('data', (d: Buffer) => parts.push(d));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(parts)));
  });
  // In the local headers and the central directory alike.
  for (const [stand, raw] of patches) for (let at = out.indexOf(stand); at >= 0; at = out.indexOf(stand, at + 1)) raw.copy(out, at);
  return out;
}

/** A mutation of the members list; the archive is written again (well-formed zip, damaged content). */
export function zipMutation(name: string, change: (members: ZipMember[], random: Random) => ZipMember[] | Promise<ZipMember[]>): Mutation {
  return {
    name,
    async apply(bytes, random) {
      return writeZip(await change(await readZip(bytes), random));
    },
  };
}

const copy = (m: ZipMember): ZipMember => ({ ...m, data: Buffer.from(m.data) });

/**
 * Zip mutations. `prefer` names the members that are read (an .xlsx has parts no
 * reader opens: styles, theme, document properties); the member damaged is one
 * of them four times in five.
 */
export function zipMutations(prefer: (name: string) => boolean = () => true): Mutation[] {
  const victim = (ms: ZipMember[], r: Random) => {
    const preferred = ms.map((_, i) => i).filter((i) => prefer(ms[i].name));
    return preferred.length > 0 && r() < 0.8 ? pick(r, preferred) : int(r, ms.length);
  };
  const replace = (ms: ZipMember[], i: number, m: ZipMember) => ms.map((x, j) => (j === i ? m : x));
  return [
    zipMutation('zip: remove a member', (ms, r) => {
      const i = victim(ms, r);
      return ms.filter((_, j) => j !== i);
    }),
    zipMutation('zip: duplicate a member', (ms, r) => {
      const i = victim(ms, r);
      const dup = { ...copy(ms[i]), data: r() < 0.5 ? ms[i].data : Buffer.from('duplicate') };
      return [...ms.slice(0, i + 1), dup, ...ms.slice(i + 1)];
    }),
    zipMutation('zip: rename a member', (ms, r) => {
      const i = victim(ms, r);
      const names = ['../evil.txt', 'x/../../evil', 'sub/' + ms[i].name, ms[i].name.toUpperCase(), `${ms[i].name}.bak`, 'extra.bin'];
      return replace(ms, i, { ...ms[i], name: pick(r, names) });
    }),
    zipMutation('zip: add an extra member', (ms, r) => [...ms, { name: pick(r, ['extra.txt', 'notes/readme.md', '.hidden']), data: Buffer.from('not listed anywhere') }]),
    zipMutation('zip: reorder members', (ms, r) => [...ms].sort(() => r() - 0.5)),
    zipMutation('zip: damage a member', (ms, r) => {
      const i = victim(ms, r);
      const data = Buffer.from(ms[i].data);
      for (let k = 0; k < 1 + int(r, 4) && data.length > 0; k++) data[int(r, data.length)] ^= 1 + int(r, 255);
      return replace(ms, i, { ...ms[i], data });
    }),
    zipMutation('zip: truncate a member', (ms, r) => {
      const i = victim(ms, r);
      return replace(ms, i, { ...ms[i], data: ms[i].data.subarray(0, int(r, ms[i].data.length)) });
    }),
    zipMutation('zip: empty a member', (ms, r) => {
      const i = victim(ms, r);
      return replace(ms, i, { ...ms[i], data: Buffer.alloc(0) });
    }),
    // 32 MiB of zeros deflates to about 32 KiB: a small zip bomb.
    zipMutation('zip: blow a member up', (ms, r) => {
      const i = victim(ms, r);
      return replace(ms, i, { ...ms[i], data: Buffer.alloc(32 * 1024 * 1024), store: false });
    }),
  ];
}

// --- JSON ----------------------------------------------------------------------------

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/**
 * Every place in a JSON value, as a path of keys and indexes (the root is []), down to
 * 64 levels: a value nested 2,000 deep (one of the replacements) is not entered, so a
 * second change cannot nest another inside it beyond what cloning it again can take.
 */
function paths(value: Json, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (at.length >= 64) return out;
  if (Array.isArray(value)) value.slice(0, 50).forEach((v, i) => paths(v, [...at, i], out));
  else if (value !== null && typeof value === 'object') Object.entries(value).forEach(([k, v]) => paths(v, [...at, k], out));
  return out;
}

function setAt(root: Json, path: (string | number)[], next: Json | undefined): Json {
  if (path.length === 0) return next === undefined ? null : next;
  const parent = path.slice(0, -1).reduce<Json>((v, k) => (v as Record<string | number, Json>)[k], root) as Record<string | number, Json> | Json[];
  const key = path[path.length - 1];
  if (next === undefined) {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  } else (parent as Record<string | number, Json>)[key] = next;
  return root;
}

/** Values of another type, or far too large. */
const REPLACEMENTS: ((random: Random) => Json | undefined)[] = [
  () => null,
  () => true,
  () => 0,
  () => -1,
  () => 1.5,
  () => 1e308,
  () => -1e308,
  () => 2 ** 53 + 2,
  () => '',
  () => 'x',
  () => '不是数字',
  () => '9'.repeat(400),
  () => '长'.repeat(300_000),
  () => [],
  () => [null, 1, 'a'],
  () => ({}),
  () => ({ nested: { deeper: [1, 2, 3] } }),
  () => Array.from({ length: 20_000 }, (_, i) => i),
  () => JSON.parse('['.repeat(2000) + ']'.repeat(2000)) as Json,
  () => undefined, // removed
];

/**
 * A JSON document changed at one random place (a field's type, a huge value, a field
 * removed or added), in place: callers pass a value just parsed. (Cloning it would
 * overflow the stack once a replacement nested 2,000 deep is inside.)
 */
export function mutateJson(value: unknown, random: Random): unknown {
  const root = value as Json;
  const all = paths(root);
  const path = pick(random, all);
  if (random() < 0.1 && root !== null && typeof root === 'object' && !Array.isArray(root)) {
    (root as Record<string, Json>)[pick(random, ['__proto__', 'constructor', 'unexpected', 'format'])] = pick(random, REPLACEMENTS)(random) ?? null;
    return root;
  }
  return setAt(root, path, pick(random, REPLACEMENTS)(random));
}

/** JSON mutations of a whole JSON file. */
export const jsonFileMutations: Mutation[] = [
  {
    name: 'json: change a field',
    apply(bytes, random) {
      return Buffer.from(JSON.stringify(mutateJson(JSON.parse(bytes.toString('utf8')), random), null, 2));
    },
  },
  {
    name: 'json: change three fields',
    apply(bytes, random) {
      let value = JSON.parse(bytes.toString('utf8')) as unknown;
      for (let i = 0; i < 3; i++) value = mutateJson(value, random);
      return Buffer.from(JSON.stringify(value));
    },
  },
  { name: 'json: another encoding', apply: (bytes) => Buffer.from(bytes.toString('utf8'), 'utf16le') },
  { name: 'json: a BOM and junk after', apply: (bytes) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes, Buffer.from('}\n,')]) },
  { name: 'json: not an object', apply: (_b, random) => Buffer.from(pick(random, ['[]', 'null', '42', '"text"', 'true', '{}'])) },
];

/** A JSON member of a zip changed (then `after` may fix up digests or signatures so that deeper checks run). */
export function zipJsonMutation(name: string, member: string, after?: (members: ZipMember[]) => ZipMember[] | Promise<ZipMember[]>): Mutation {
  return zipMutation(name, async (ms, r) => {
    const out = ms.map((m) => (m.name === member ? { ...m, data: Buffer.from(JSON.stringify(mutateJson(JSON.parse(m.data.toString('utf8')), r), null, 2)) } : m));
    return after ? after(out) : out;
  });
}
