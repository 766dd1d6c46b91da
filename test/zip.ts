/** Reading zip archives in tests (batch files, backups, .xlsx packages, list packages): one reader for all. */
import yauzl from 'yauzl';

export interface ZipEntry {
  name: string;
  data: Buffer;
  /** Stored rather than deflated. */
  store: boolean;
  /** The entry's modification time as written (read as UTC). */
  modified: Date;
}

/** Every entry of an archive (a file's path, or its bytes), in the archive's order. */
export function zipEntries(source: string | Buffer): Promise<ZipEntry[]> {
  return new Promise((resolve, reject) => {
    const opened = (err: Error | null, zip: yauzl.ZipFile | undefined) => {
      if (err || !zip) return reject(err ?? new Error('no zip'));
      const entries: ZipEntry[] = [];
      zip.on('error', reject);
      zip.on('end', () => resolve(entries));
      zip.on('entry', (entry: yauzl.Entry) =>
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('no stream'));
          const parts: Buffer[] = [];
          stream.on('data', (d: Buffer) => parts.push(d));
          stream.on('error', reject);
          stream.on('end', () => {
            entries.push({
              name: entry.fileName,
              data: Buffer.concat(parts),
              store: entry.compressionMethod === 0,
              modified: entry.getLastModDate({ timezone: 'UTC' }),
            });
            zip.readEntry();
          });
        }),
      );
      zip.readEntry();
    };
    if (typeof source === 'string') yauzl.open(source, { lazyEntries: true }, opened);
    else yauzl.fromBuffer(source, { lazyEntries: true }, opened);
  });
}

/** Every entry of an archive by name, in the archive's order. */
export async function unzip(source: string | Buffer): Promise<Map<string, Buffer>> {
  return new Map((await zipEntries(source)).map((e) => [e.name, e.data]));
}

/** One entry of an archive; fails when it is not there. */
export async function zipMember(source: string | Buffer, name: string): Promise<Buffer> {
  const data = (await unzip(source)).get(name);
  if (!data) throw new Error(`${name} not in archive`);
  return data;
}
