/**
 * The case letters through the printing engine, read back with poppler: 受理通知书
 * (with the due date), 不予受理通知书 (the reason, the date repair becomes possible,
 * how to appeal), 信用修复决定书; each print in the print log; a person's ID number
 * masked unless unmasked with a reason; and the subject's credit file lists its cases.
 */
import { describe, expect, it } from 'vitest';
import type { CaseDetail, PrintLogEntry, PrintPayload } from '../../electron/contract';
import { value } from '../helpers';
import { pdfText, squash } from '../print/pdf-tools';
import { as, caseDesk, createPenalty, file, pdfBytes } from './fixtures';

const text = (p: PrintPayload) => squash(pdfText(Buffer.from(p.content, 'base64')));

describe('case letters', () => {
  it('受理通知书, 不予受理通知书 and 信用修复决定书; logged; ID numbers masked; the credit file lists the cases', async () => {
    const { core } = await caseDesk();
    // A person (自然人) objects: their ID number is masked on paper unless unmasked with a reason.
    const objected = await createPenalty(core, 1);
    const c = value<CaseDetail>(
      await core.invoke('cases.register', {
        kind: 'objection',
        recordIds: [objected],
        applicant: { name: '王小明', code: '11010519491231002X' },
        channel: 'window',
        received: '2026-03-09',
        grounds: '记录有误',
      }),
    );
    const notYet = await core.invoke('print.letter', { caseId: c.caseId });
    expect(notYet.ok).toBe(false);
    if (!notYet.ok) expect(notYet.error.message).toContain('尚未受理，没有受理通知书');
    value(await core.invoke('cases.accept', { caseId: c.caseId }));
    const acceptance = value<PrintPayload>(await core.invoke('print.letter', { caseId: c.caseId }));
    const a = text(acceptance);
    for (const s of ['受理通知书', c.caseNo, '王小明：', '2026年3月9日', '2026年3月10日受理', '2026年3月16日前作出处理决定', '异议中', '1101**********002X', '（印章）']) expect(a).toContain(s);
    expect(a).not.toContain('11010519491231002X');
    const unmasked = value<PrintPayload>(await core.invoke('print.letter', { caseId: c.caseId, unmaskReason: '申请人本人领取' }));
    expect(text(unmasked)).toContain('11010519491231002X');

    // A repair too early: 不予受理通知书 with the date and the appeal.
    const early = await createPenalty(core, 2);
    const refused = value<CaseDetail>(await core.invoke('cases.register', { kind: 'repair', recordIds: [early], applicant: { name: '石家庄市栾城区第2商贸有限公司' }, channel: 'letter', grounds: '申请修复' }));
    const r = text(value<PrintPayload>(await core.invoke('print.letter', { caseId: refused.caseId })));
    for (const s of ['不予受理通知书', refused.caseNo, '本机关决定不予受理', '2026-06-02起可以申请', '六十日内依法申请行政复议', '六个月内依法向人民法院提起行政诉讼']) expect(r).toContain(s);

    // An eligible repair, approved: 信用修复决定书.
    const old = await createPenalty(core, 3, { CF_JDRQ: '2025-06-02', CF_YXQ: '2026-06-02' });
    const repair = value<CaseDetail>(
      await core.invoke('cases.register', {
        kind: 'repair',
        recordIds: [old],
        applicant: { name: '石家庄市栾城区第3商贸有限公司' },
        channel: 'window',
        grounds: '申请修复',
        attachments: ['信用修复申请表', '信用修复承诺书', '履行法定义务的证明材料'].map((item, i) => file(`${i}.pdf`, pdfBytes(String(i)), item)),
      }),
    );
    value(await core.invoke('cases.propose', { caseId: repair.caseId, outcome: 'repair', reason: '已履行法定义务，材料齐全。' }));
    await as(core, 'boss');
    value(await core.invoke('cases.approve', { caseId: repair.caseId }));
    const decision = text(value<PrintPayload>(await core.invoke('print.letter', { caseId: repair.caseId })));
    for (const s of ['信用修复决定书', repair.caseNo, '处理结果：同意修复', '2026年3月10日起终止公示', '已履行法定义务，材料齐全。', '信用修复申请表']) {
      if (s === '信用修复申请表') expect(decision).not.toContain(s); // the materials list belongs to the acceptance notice
      else expect(decision).toContain(s);
    }
    // The acceptance notice of the same case, asked for by name, lists its materials.
    expect(text(value<PrintPayload>(await core.invoke('print.letter', { caseId: repair.caseId, letter: 'acceptance' })))).toContain('信用修复申请表');

    // Every print is in the print log as a letter about its case; an archivist may print, read the log.
    await as(core, 'archivist');
    const log = value<{ total: number; items: PrintLogEntry[] }>(await core.invoke('print.log', { kind: 'letter' }));
    expect(log.total).toBe(5);
    expect(log.items.map((e) => e.title).sort()).toEqual(['不予受理通知书', '信用修复决定书', '受理通知书', '受理通知书', '受理通知书'].sort());
    expect(log.items.find((e) => !e.masked)).toMatchObject({ target: `case:${c.caseId}`, unmaskReason: '申请人本人领取' });

    // The subject's credit file lists its cases.
    const creditFile = text(value<PrintPayload>(await core.invoke('print.creditFile', { code: '91350200776049653A' })));
    for (const s of ['三、异议与信用修复', c.caseNo, refused.caseNo, repair.caseNo, '同意修复（2026-03-10）', '四、统计']) expect(creditFile).toContain(s);
  });
});
