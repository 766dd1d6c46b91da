/**
 * The 信用核查结果 printed through the printing engine and read back with poppler:
 * the check number, subject (ID numbers masked), matter, the list versions checked,
 * each hit with its basis and the measures for the matter, the feedback, who checked
 * and when; the print log and the audit have it; a clerk prints only their own checks.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, CheckResultView, PrintLogEntry, PrintPayload } from '../../electron/contract';
import { value } from '../helpers';
import { as, entry, importList, listDesk, NOW, opensslKey, packed, type PlatformKey } from '../lists/helpers';
import { pdfPagePng, pdfText, squash } from '../print/pdf-tools';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The printed page as people see it, beside the browser tests' screenshots. */
const SHOTS_DIR = fileURLToPath(new URL('../../test-results/e2e', import.meta.url));
mkdirSync(SHOTS_DIR, { recursive: true });

let platform: PlatformKey;
beforeAll(() => {
  platform = opensslKey();
});

const COMPANY = '91130111MA0A1B2C2U';
const PERSON_ID = '11010519491231002X';

describe('printing a check result', () => {
  it('prints what the check found, for which matter, against which list versions, with the feedback; logged and audited', async () => {
    const core = await listDesk({ now: () => NOW });
    value(await core.invoke('lists.pin', { pem: platform.publicPem, label: '平台' }));
    value(await importList(core, await packed({ key: platform, entries: [entry({ code: COMPANY }), entry({ name: '王某某', code: PERSON_ID, listType: '失信被执行人', measures: ['不予受理'] })], version: 7 })));
    await as(core, 'clerk1');
    const hit = value<CheckResultView>(await core.invoke('checks.run', { subject: COMPANY, matter: '政府采购' }));
    value(await core.invoke('checks.feedback', { checkNo: hit.checkNo, measure: '限制参与政府采购', note: '已书面告知申请人' }));
    const printed = value<PrintPayload>(await core.invoke('print.checkResult', { checkNo: hit.checkNo }));
    expect(printed.printNo).toMatch(/^P2026-\d{6}$/);
    expect(printed.fileName).toBe(`信用核查结果-${hit.checkNo}_石家庄市栾城区失信商贸有限公司-${printed.printNo}.pdf`);
    const pdf = Buffer.from(printed.content, 'base64');
    const text = squash(pdfText(pdf));
    copyFileSync(pdfPagePng(pdf, 1, 100), join(SHOTS_DIR, 'checks-print-result.png'));
    for (const expected of [
      '信用核查结果',
      hit.checkNo,
      '政府采购',
      '石家庄市栾城区失信商贸有限公司',
      COMPANY,
      // the scope: the list and its version, in one table row
      '严重失信主体名单（栾城区）第7版2026-11-20',
      '发现1条记录（失信1条）',
      // the hit: its table cells wrap, so pdftotext interleaves their lines
      '（第7版）',
      '冀发改财金〔2026〕12号：拒不履',
      '限制参与政府采购',
      '从严审核、限制申',
      '已书面告知申请人',
      '录入员甲（clerk1）',
      '2026-11-2610:00',
      printed.printNo,
      '核查人（签字）',
    ]) {
      expect(text).toContain(squash(expected));
    }

    const person = value<CheckResultView>(await core.invoke('checks.run', { subject: PERSON_ID, matter: '行政许可' }));
    const personText = squash(pdfText(Buffer.from(value<PrintPayload>(await core.invoke('print.checkResult', { checkNo: person.checkNo })).content, 'base64')));
    expect(personText).toContain('1101**********002X');
    expect(personText).not.toContain(PERSON_ID);
    const clean = value<CheckResultView>(await core.invoke('checks.run', { subject: '91350200776049653A', matter: '其他' }));
    const cleanText = squash(pdfText(Buffer.from(value<PrintPayload>(await core.invoke('print.checkResult', { checkNo: clean.checkNo })).content, 'base64')));
    expect(cleanText).toContain(squash('未发现记录'));
    expect(cleanText).toContain(squash('在上列名单版本及本部门信用记录中未发现该主体。'));
    expect(cleanText).toContain(squash('严重失信主体名单（栾城区） 第 7 版 2026-11-20'));

    await as(core, 'clerk2');
    const other = await core.invoke('print.checkResult', { checkNo: hit.checkNo });
    expect(other.ok || other.error.code).toBe('FORBIDDEN');
    await as(core, 'auditor');
    const log = value<{ items: PrintLogEntry[] }>(await core.invoke('print.log', {}));
    expect(log.items.map((e) => [e.kind, e.target, e.masked])).toEqual([
      ['check-result', `check:${clean.checkNo}`, true],
      ['check-result', `check:${person.checkNo}`, true],
      ['check-result', `check:${hit.checkNo}`, true],
    ]);
    const audit = value<{ items: AuditEntry[] }>(await core.invoke('audit.list', { limit: 100 })).items.filter((a) => a.method === 'print.checkResult' && a.outcome === 'ok');
    expect(audit.map((a) => a.target)).toContain(`check:${hit.checkNo}`);
  });
});
