/**
 * Rewrites the modification time of every entry of a finished zip file in place (local
 * headers and central directory; the fields are outside the CRC), so that the same
 * content always gives the same bytes. exceljs's writer (archiver) stamps each entry
 * with the current time and offers no option to change it.
 */
import { open } from 'node:fs/promises';

const EOCD_SIG = 0x06054b50;
const CEN_SIG = 0x02014b50;
const LOC_SIG = 0x04034b50;
const UT_EXTRA = 0x5455; // extended timestamp: not written by archiver, refused if present

/** MS-DOS date and time of `date`, from its UTC fields (as archiver does), 1980–2107. */
export function dosDateTime(date: Date): { date: number; time: number } {
  const y = Math.min(2107, Math.max(1980, date.getUTCFullYear()));
  return {
    date: ((y - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
  };
}

/**
 * Sets every entry's time to `date`. Returns false (and changes nothing) for a zip it
 * does not handle: Zip64 (archives over 4 GiB or 65,535 entries) or extended
 * timestamp fields.
 */
export async function setZipEntryTimes(path: string, date: Date): Promise<boolean> {
  const dos = dosDateTime(date);
  const fh = await open(path, 'r+');
  try {
    const { size } = await fh.stat();
    const tailLength = Math.min(size, 22 + 0xffff);
    const tail = Buffer.alloc(tailLength);
    await fh.read(tail, 0, tailLength, size - tailLength);
    let eocd = -1;
    for (let i = tailLength - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD_SIG) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new Error('end of central directory not found');
    const count = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) return false;
    const cd = Buffer.alloc(cdSize);
    await fh.read(cd, 0, cdSize, cdOffset);
    const locals: number[] = [];
    let p = 0;
    for (let n = 0; n < count; n++) {
      if (cd.readUInt32LE(p) !== CEN_SIG) throw new Error('bad central directory entry');
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      const local = cd.readUInt32LE(p + 42);
      if (local === 0xffffffff) return false;
      for (let e = p + 46 + nameLen; e + 4 <= p + 46 + nameLen + extraLen; e += 4 + cd.readUInt16LE(e + 2)) {
        if (cd.readUInt16LE(e) === UT_EXTRA) return false;
      }
      cd.writeUInt16LE(dos.time, p + 12);
      cd.writeUInt16LE(dos.date, p + 14);
      locals.push(local);
      p += 46 + nameLen + extraLen + commentLen;
    }
    const header = Buffer.alloc(30);
    const stamp = Buffer.alloc(4);
    stamp.writeUInt16LE(dos.time, 0);
    stamp.writeUInt16LE(dos.date, 2);
    for (const local of locals) {
      await fh.read(header, 0, 30, local);
      if (header.readUInt32LE(0) !== LOC_SIG) throw new Error('bad local file header');
      await fh.write(stamp, 0, 4, local + 10);
    }
    await fh.write(cd, 0, cdSize, cdOffset);
    return true;
  } finally {
    await fh.close();
  }
}
