/**
 * What fuzzing found, each kept as a fixed case: before the fixes these gave
 * INTERNAL errors with raw JavaScript messages (or asked a login for gigabytes),
 * now a coded error that says what is wrong, and nothing changes.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BackupVerifyReport } from '../../electron/contract';
import { unlockHolder } from '../../electron/core/auth/keys';
import { parseJsonReceipt } from '../../electron/core/batches/receipt';
import { publicKeyPem, signSm2 } from '../../electron/core/batches/sm2';
import { verifyBatchFile } from '../../electron/core/batches/verify';
import { readSpreadsheetRows } from '../../electron/core/io/rows';
import { parseKeyFile, type KeyFile } from '../../electron/core/store/keyfile';
import { tempFolder, value } from '../helpers';
import { buildFixture, dbState, desk, expectDbUnchanged, PASSWORDS, type Fixture } from './fixture';
import { readZip, writeZip } from './mutate';

let fixture: Fixture;
beforeAll(async () => {
  fixture = await buildFixture();
}, 120_000);

const keyFileOf = (f: Fixture): KeyFile => parseKeyFile(readFileSync(join(f.folder, 'department.db.keys'), 'utf8'), 'department.db.keys');

describe('found by fuzzing', () => {
  it('a receipt that is JSON but not an object, or whose results are not objects, is BAD_FILE', async () => {
    for (const text of ['null', '[]', '{"format":"credit-desk-receipt/1","batchId":"x","results":[null]}', '{"format":"credit-desk-receipt/1","batchId":"x","results":[{"opId":{},"status":"accepted"}]}']) {
      expect(() => parseJsonReceipt(text), text).toThrow(expect.objectContaining({ code: 'BAD_FILE' }));
    }
    // Through the desk: refused, nothing changed but the refusal in the trail.
    const core = await desk(fixture, 'clerk1');
    const before = dbState(core.dbPath);
    const r = await core.invoke('receipts.import', { fileName: 'r.json', content: Buffer.from('null').toString('base64') });
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_FILE', message: expect.stringContaining('JSON 对象') } });
    expectDbUnchanged(core.dbPath, before);
    core.close();
  });

  it('a signed manifest whose fields have the wrong types is MALFORMED, said in words', async () => {
    const members = await readZip(fixture.batchZip);
    const manifest = JSON.parse(members.find((m) => m.name === 'manifest.json')!.data.toString('utf8')) as Record<string, unknown>;
    const folder = tempFolder();
    for (const change of [{ members: [{ path: 5, size: 1, sm3: 'x', sha256: 'y' }] }, { department: null }, { approved: 'boss' }, { counts: { penalty: { add: 'three' } } }]) {
      const data = Buffer.from(JSON.stringify({ ...manifest, ...change }, null, 2));
      const zip = await writeZip(members.map((m) => (m.name === 'manifest.json' ? { ...m, data } : m.name === 'manifest.sig' ? { ...m, data: signSm2(data, fixture.approverKey) } : m)));
      const path = join(folder, 'batch.zip');
      writeFileSync(path, zip);
      const r = await verifyBatchFile(path, { publicKeys: [publicKeyPem(fixture.approverKey.publicKey)] });
      expect(r, JSON.stringify(change)).toMatchObject({ ok: false, code: 'MALFORMED', reason: expect.stringContaining('manifest.json 的内容不完整或类型不符') });
    }
  });

  it('a key file with a damaged ephemeral key or data key says the key file is damaged, not that the password is wrong', () => {
    const file = keyFileOf(fixture);
    const damaged = (change: (h: KeyFile['holders'][number]) => void): KeyFile => {
      const copy = structuredClone(file);
      change(copy.holders.find((h) => h.id === 'admin')!);
      return copy;
    };
    for (const f of [damaged((h) => (h.dataKey.epk = '')), damaged((h) => (h.dataKey.ct = Buffer.alloc(48).toString('base64')))]) {
      expect(() => unlockHolder(f, 'admin', PASSWORDS.admin)).toThrow(expect.objectContaining({ code: 'DB_CORRUPT' }));
    }
    // A wrong password is still only that.
    expect(unlockHolder(file, 'admin', 'not-the-password')).toBeNull();
  });

  it('a key file asking scrypt for more than 1 GiB or 16 times the normal work is refused before any work', () => {
    const file = keyFileOf(fixture);
    for (const kdf of [{ N: 1 << 22, r: 8, p: 1 }, { N: 1 << 17, r: 8, p: 64 }, { N: 1 << 20, r: 16, p: 1 }]) {
      const copy = structuredClone(file);
      Object.assign(copy.holders[0].kdf, kdf);
      expect(() => parseKeyFile(JSON.stringify(copy), 'x.keys'), JSON.stringify(kdf)).toThrow(expect.objectContaining({ code: 'DB_CORRUPT' }));
    }
  });

  it('a backup whose database member is damaged (digests made to match) fails its integrity check, and restore changes nothing', async () => {
    const members = await readZip(fixture.backup);
    const db = members.find((m) => m.name === 'department.db')!;
    const damaged = Buffer.from(db.data);
    // Every page but the first (16 KiB pages): the schema reads, the tables behind it do not.
    for (let page = 16384; page < damaged.length; page += 16384) damaged[page + 8000] ^= 0x5a;
    const header = JSON.parse(members.find((m) => m.name === 'backup.json')!.data.toString('utf8')) as { members: { path: string; size: number; sha256: string }[] };
    header.members[0].sha256 = createHash('sha256').update(damaged).digest('hex');
    const zip = await writeZip(members.map((m) => (m.name === 'department.db' ? { ...m, data: damaged } : m.name === 'backup.json' ? { ...m, data: Buffer.from(JSON.stringify(header)) } : m)));
    const path = join(tempFolder(), 'damaged.cdbackup');
    writeFileSync(path, zip);
    const core = await desk(fixture, 'admin');
    const report = value<BackupVerifyReport>(await core.invoke('backup.verifyFile', { path, login: 'admin', password: PASSWORDS.admin }));
    expect(report.ok).toBe(false);
    expect(report.checks.find((c) => !c.ok)?.name).toMatch(/完整性|打开|审计链/);
    const before = dbState(core.dbPath);
    const restore = await core.invoke('backup.restoreFile', { path, password: PASSWORDS.admin });
    expect(restore).toMatchObject({ ok: false, error: { code: 'BAD_FILE', message: expect.stringContaining('没有做任何改动') } });
    expectDbUnchanged(core.dbPath, before);
    core.close();
  });

  it('an .xlsx with two parts of the same name is refused (readers disagree on which one counts)', async () => {
    const members = await readZip(await (async () => {
      const ExcelJS = (await import('exceljs')).default;
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('s').addRow(['a', 'b']);
      return Buffer.from(await wb.xlsx.writeBuffer());
    })());
    const sheet = members.find((m) => m.name.endsWith('sheet1.xml'))!;
    const path = join(tempFolder(), 'dup.xlsx');
    writeFileSync(path, await writeZip([...members, { ...sheet, data: Buffer.from('<worksheet/>') }]));
    const read = async () => {
      for await (const row of readSpreadsheetRows(path)) void row;
    };
    await expect(read()).rejects.toThrow(/同名的部件/);
  });
});
