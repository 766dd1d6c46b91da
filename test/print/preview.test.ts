/**
 * Issue 19, item 5: a preview uses no print number. `print.preview` renders a print
 * method's document marked 预览, with no number, no print-log row and no audit entry
 * (unless ID numbers are shown in clear); printing it afterwards takes the year's
 * next number as if no preview had been made. Its roles and input are the method's.
 */
import { describe, expect, it } from 'vitest';
import type { PrintPayload, RecordDetail } from '../../electron/contract';
import { auditRows, clerkDesk, errorOf, penaltyRow, value, withRaw } from '../helpers';
import { pdfText, squash } from './pdf-tools';

const pdf = (p: PrintPayload) => Buffer.from(p.content, 'base64');

describe('print preview', () => {
  it('no number, no print-log row, no audit entry; the print then takes the first number', async () => {
    const core = await clerkDesk();
    value(await core.invoke('records.create', { category: 'penalty', values: penaltyRow() }));
    const subjectId = value<{ items: { subjectId: number }[] }>(await core.invoke('subjects.search', { query: '恒瑞' })).items[0].subjectId;
    const before = auditRows(core.dbPath).length;

    const preview = value<PrintPayload>(await core.invoke('print.preview', { method: 'print.creditFile', input: { subjectId, withHistory: true } }));
    expect(preview).toMatchObject({ preview: true, printNo: '' });
    expect(preview.fileName).toMatch(/^信用档案-.*-预览\.pdf$/);
    const text = squash(pdfText(pdf(preview)));
    expect(text).toContain('预览（未编号，保存或打印时编号）');
    expect(text).not.toMatch(/打印编号：P\d{4}/);
    expect(text).toContain('栾市监罚〔2026〕12号');
    await withRaw(core, (db) => expect((db.prepare('SELECT count(*) AS n FROM print_log').get() as { n: number }).n).toBe(0));
    expect(auditRows(core.dbPath)).toHaveLength(before);

    // A second preview changes nothing either; the print takes number 1 of the year.
    value(await core.invoke('print.preview', { method: 'print.creditFile', input: { subjectId } }));
    const printed = value<PrintPayload>(await core.invoke('print.creditFile', { subjectId, withHistory: true }));
    expect(printed.printNo).toMatch(/^P\d{4}-000001$/);
    expect(squash(pdfText(pdf(printed)))).toContain(`打印编号：${printed.printNo}`);
    expect(squash(pdfText(pdf(printed)))).not.toContain('预览');
    await withRaw(core, (db) => expect((db.prepare('SELECT count(*) AS n FROM print_log').get() as { n: number }).n).toBe(1));
  });

  it('the method’s own roles and input checks; an unmasked preview is audited', async () => {
    const core = await clerkDesk();
    const person = value<{ recordId: number }>(
      await core.invoke('records.create', {
        category: 'penalty',
        values: penaltyRow({ CF_XDR_MC: '王某某', CF_XDR_LB: '自然人', CF_XDR_SHXYM: '', CF_FRDB: '', CF_XDR_ZJLX: '身份证', CF_XDR_ZJHM: '11010519491231002X' }),
      }),
    );
    const subject = value<RecordDetail>(await core.invoke('records.get', { recordId: person.recordId }));
    expect(errorOf(await core.invoke('print.preview', { method: 'print.creditFile', input: {} })).code).toBe('BAD_INPUT');
    expect(errorOf(await core.invoke('print.preview', { method: 'print.batchSheet', input: { batchId: 99 } })).code).toBe('NOT_FOUND');
    const shown = value<PrintPayload>(await core.invoke('print.preview', { method: 'print.creditFile', input: { subjectId: subject.subjectId, unmaskReason: '核对身份信息' } }));
    expect(squash(pdfText(pdf(shown)))).toContain('11010519491231002X');
    const last = auditRows(core.dbPath).at(-1)!;
    expect(last).toMatchObject({ actor: 'clerk1', method: 'print.preview', outcome: 'ok', detail: { kind: 'credit-file', of: 'print.creditFile', unmaskReason: '核对身份信息' } });
    // An administrator prints nothing: refused as the print method itself would be, and audited.
    value(await core.invoke('auth.logout', {}));
    value(await core.invoke('auth.login', { login: 'admin', password: 'admin-pass-1' }));
    expect(errorOf(await core.invoke('print.preview', { method: 'print.creditFile', input: { subjectId: subject.subjectId } })).code).toBe('FORBIDDEN');
    expect(auditRows(core.dbPath).at(-1)).toMatchObject({ actor: 'admin', method: 'print.preview', outcome: 'denied' });
  });
});
