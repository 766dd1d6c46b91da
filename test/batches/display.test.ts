/**
 * Publication follows the class (issue 17): every record operation of a batch says
 * whether it is for public display and until when — in the JSON Lines, in the .xlsx
 * member, and in the approver's review. A 警告 (轻微) goes out for sharing only, also one
 * whose 公示截止期 passed long ago; a 罚款 of class 一般 is displayed until its 公示截止期.
 * The verifier checks the fields (a line without them, signed again, is refused), and
 * OpenSSL 3 still verifies the signature.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import yazl from 'yazl';
import { describe, expect, it } from 'vitest';
import type { BatchOperationView } from '../../electron/contract';
import { generateSigningKey, publicKeyPem, signSm2 } from '../../electron/core/batches/sm2';
import { verifyBatchFile } from '../../electron/core/batches/verify';
import { MemberDigest } from '../../electron/core/batches/package';
import { tempFolder, value } from '../helpers';
import { as, caseDesk, createPenalty, nextBatch, unzip } from '../cases/fixtures';

async function zipOf(members: Map<string, Buffer>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, data] of members) zip.addBuffer(data, name, { mtime: new Date('2026-01-01T00:00:00Z') });
  zip.end();
  const parts: Buffer[] = [];
  for await (const chunk of zip.outputStream) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

describe('publicDisplay and displayUntil', () => {
  it('a 警告 is shared, not displayed; a 罚款 of class 一般 is displayed until its 公示截止期; checked by verify; OpenSSL verifies', async () => {
    const { core } = await caseDesk();
    const warning = await createPenalty(core, 1, { CF_CFLB: '警告', CF_NR: '警告', CF_NR_FK: '' });
    // A 警告 whose 公示截止期 (3 months) passed a year ago.
    const oldWarning = await createPenalty(core, 2, { CF_CFLB: '警告', CF_NR: '警告', CF_NR_FK: '', CF_JDRQ: '2024-12-02', CF_YXQ: '2025-12-02' });
    const fine = await createPenalty(core, 3); // 0.5 万元 for an organisation: 一般, 2026-03-02 + 1 year
    // A 一般 fine decided 2024-12-02: its 公示截止期 (2025-12-02) has passed, so it is not for display.
    const passed = await createPenalty(core, 4, { CF_JDRQ: '2024-12-02', CF_YXQ: '2025-12-02' });

    // The approver's review shows the flag per operation before signing.
    await as(core, 'clerk');
    const prepared = value<{ batchId: number }>(await core.invoke('batches.prepare', {}));
    await as(core, 'boss');
    const review = value<{ items: BatchOperationView[] }>(await core.invoke('batches.operations', { batchId: prepared.batchId }));
    const flags = new Map(review.items.map((o) => [o.recordId, [o.publicDisplay, o.displayUntil]]));
    expect(flags.get(warning)).toEqual([false, null]);
    expect(flags.get(oldWarning)).toEqual([false, null]);
    expect(flags.get(fine)).toEqual([true, '2027-03-02']);
    expect(flags.get(passed)).toEqual([false, null]);
    value(await core.invoke('batches.reject', { batchId: prepared.batchId, reason: '先看一遍' }));

    const { path, lines } = await nextBatch(core);
    const byRecord = new Map(lines('penalty').map((l) => [l.recordId, l as unknown as { op: string; publicDisplay: boolean; displayUntil: string | null }]));
    expect(byRecord.get(warning)).toMatchObject({ op: 'add', publicDisplay: false, displayUntil: null });
    expect(byRecord.get(oldWarning)).toMatchObject({ op: 'add', publicDisplay: false, displayUntil: null });
    expect(byRecord.get(fine)).toMatchObject({ op: 'add', publicDisplay: true, displayUntil: '2027-03-02' });
    expect(byRecord.get(passed)).toMatchObject({ op: 'add', publicDisplay: false, displayUntil: null });

    // The .xlsx member carries the same as two columns after 操作编号.
    const members = await unzip(path);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(members.get('data/penalty.xlsx')! as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect((sheet.getRow(1).values as unknown[]).slice(1, 5)).toEqual(['操作类型', '操作编号', '是否公开显示', '公开显示截止日期']);
    const rows = new Map<string, unknown[]>();
    sheet.eachRow((row, n) => {
      if (n > 1) rows.set(String(row.getCell(2).value), (row.values as unknown[]).slice(1, 5));
    });
    const opIdOf = (recordId: number) => lines('penalty').find((l) => l.recordId === recordId)!.opId;
    expect(rows.get(opIdOf(warning))?.slice(2)).toEqual(['否', undefined]);
    expect(rows.get(opIdOf(fine))?.slice(2)).toEqual(['是', '2027-03-02']);

    // The manifest says so; the verifier accepts the file.
    expect(JSON.parse(members.get('manifest.json')!.toString('utf8'))).toMatchObject({ displayFields: true });
    expect(await verifyBatchFile(path)).toMatchObject({ ok: true });

    // OpenSSL 3 still verifies the signature over manifest.json.
    const folder = tempFolder();
    for (const name of ['manifest.json', 'manifest.sig', 'signer.pem']) writeFileSync(join(folder, name), members.get(name)!);
    const args = ['pkeyutl', '-verify', '-pubin', '-inkey', 'signer.pem', '-rawin', '-in', 'manifest.json', '-sigfile', 'manifest.sig', '-digest', 'sm3', '-pkeyopt', 'distid:1234567812345678'];
    expect(execFileSync('openssl', args, { cwd: folder }).toString()).toContain('Signature Verified Successfully');

    // A line without the fields (its digests and the signature made again) is refused by the verifier.
    const forge = async (change: (line: string) => string) => {
      const jsonl = members.get('data/penalty.jsonl')!.toString('utf8').split('\n').map((l, i) => (i === 0 ? change(l) : l)).join('\n');
      const data = Buffer.from(jsonl, 'utf8');
      const digest = new MemberDigest();
      digest.update(data);
      const manifest = JSON.parse(members.get('manifest.json')!.toString('utf8')) as { members: { path: string; size: number; sm3: string; sha256: string }[] };
      manifest.members = manifest.members.map((m) => (m.path === 'data/penalty.jsonl' ? { path: m.path, ...digest.result() } : m));
      const bytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
      const key = generateSigningKey();
      const forged = new Map(members);
      forged.set('manifest.json', bytes);
      forged.set('manifest.sig', signSm2(bytes, key));
      forged.set('signer.pem', Buffer.from(publicKeyPem(key.publicKey)));
      forged.set('data/penalty.jsonl', data);
      const file = join(folder, `forged-${Math.random().toString(36).slice(2)}.zip`);
      writeFileSync(file, await zipOf(forged));
      return verifyBatchFile(file);
    };
    const stripped = await forge((l) => l.replace(/"publicDisplay":(true|false),"displayUntil":(null|"[^"]*"),/, ''));
    expect(stripped).toMatchObject({ ok: false, code: 'MALFORMED' });
    expect(stripped.reason).toContain('publicDisplay');
    const contradiction = await forge((l) => l.replace(/"publicDisplay":(true|false),"displayUntil":(null|"[^"]*")/, '"publicDisplay":false,"displayUntil":"2027-03-02"'));
    expect(contradiction).toMatchObject({ ok: false, code: 'MALFORMED' });
  });
});
