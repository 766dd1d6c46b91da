/**
 * The letters a department sends, read back with poppler (issue 17). Each letter
 * carries its 发文字号 in the configured pattern, the issuing body, the addressee
 * (你 for a person), the facts (what was received, checked, found), each legal basis
 * it cites, the remedies naming the 复议机关 and the court where it decides something,
 * and the contact person and telephone; none carries the printer's login, 经办人 or
 * 收到渠道 (those are on the 案件审批表). Two letters of a kind in a year are numbered
 * consecutively; a reprint keeps its number. Every first page is also written as a PNG
 * to test-results/letters/ to be looked at.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CaseDetail, IssuedLetterView, PrintLogEntry, PrintPayload } from '../../electron/contract';
import { LEGAL_BASES_2026 } from '../../electron/core/letters/bases';
import { DEPARTMENT, value } from '../helpers';
import { pdfPagePng, pdfText, squash } from '../print/pdf-tools';
import { as, caseDesk, createPenalty, file, pdfBytes } from './fixtures';

const SHOTS = fileURLToPath(new URL('../../test-results/letters', import.meta.url));
const bytes = (p: PrintPayload) => Buffer.from(p.content, 'base64');
const text = (p: PrintPayload) => squash(pdfText(bytes(p)));
function look(p: PrintPayload, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  copyFileSync(pdfPagePng(bytes(p), 1, 110), join(SHOTS, `${name}.png`));
}

const REVIEW = '石家庄市栾城区人民政府';
const COURT = '石家庄市栾城区人民法院';
const REMEDY = [`六十日内向${REVIEW}申请行政复议`, `六个月内向${COURT}提起行政诉讼`, '《中华人民共和国行政复议法》第二十条第一款', '《中华人民共和国行政诉讼法》第四十六条第一款'];
const CONTACT = [`联系人：${DEPARTMENT.contactPerson}`, `联系电话：${DEPARTMENT.contactPhone}`];
const NEVER = ['clerk1', 'archive', 'boss', '经办人', '收到渠道', '打印人', '案件信息'];

function expectLetter(t: string, has: string[]) {
  for (const s of [...has, ...CONTACT, DEPARTMENT.name, '（印章）']) expect(t, s).toContain(squash(s));
  for (const s of NEVER) expect(t, s).not.toContain(s);
}

describe('case letters', () => {
  it('every letter as a 公文: 发文字号, addressee, facts, bases, remedies, contact; consecutive numbers; reprints keep them', async () => {
    const { core } = await caseDesk();
    await as(core, 'admin');
    value(
      await core.invoke('department.update', {
        ...DEPARTMENT,
        shortName: '栾测监',
        reconsiderationBody: REVIEW,
        court: COURT,
        docNoPatterns: { acceptance: '栾测监信受字〔{year}〕第{n}号' },
      }),
    );
    await as(core, 'clerk');

    // Two objections by a person (ID number): acceptance notices 1 and 2 of the year, in the configured pattern.
    const objected = [await createPenalty(core, 1), await createPenalty(core, 2)];
    const cases: CaseDetail[] = [];
    for (const recordId of objected) {
      const c = value<CaseDetail>(
        await core.invoke('cases.register', { kind: 'objection', recordIds: [recordId], applicant: { name: '王小明', code: '11010519491231002X' }, channel: 'window', received: '2026-03-09', grounds: '记录有误' }),
      );
      const accepted = value<CaseDetail>(await core.invoke('cases.accept', { caseId: c.caseId }));
      cases.push(accepted);
    }
    expect(cases.map((c) => c.letters.map((l) => l.docNo))).toEqual([['栾测监信受字〔2026〕第1号'], ['栾测监信受字〔2026〕第2号']]);
    const acceptance = value<PrintPayload>(await core.invoke('print.letter', { caseId: cases[0].caseId }));
    expect(acceptance.docNo).toBe('栾测监信受字〔2026〕第1号');
    const a = text(acceptance);
    expectLetter(a, ['受理通知书', '栾测监信受字〔2026〕第1号', '王小明：', '你于2026年3月9日提出的异议申请', '栾市监罚〔2026〕1号', '2026年3月10日受理', '最迟于2026年3月16日（含当日）', '依据：《河北省社会信用信息条例》', '行政处罚决定书文号“栾市监罚〔2026〕1号”']);
    expect(a).not.toContain('你单位');
    expect(a).not.toContain('11010519491231002X');
    look(acceptance, '1-受理通知书');
    // A reprint keeps the number (a new print number, the same 发文字号).
    const again = value<PrintPayload>(await core.invoke('print.letter', { caseId: cases[0].caseId, letter: 'acceptance' }));
    expect([again.docNo, again.printNo === acceptance.printNo]).toEqual(['栾测监信受字〔2026〕第1号', false]);

    // A repair applied for too early: 不予受理通知书 with the date, the basis and the remedies.
    const early = await createPenalty(core, 3);
    const refused = value<CaseDetail>(await core.invoke('cases.register', { kind: 'repair', recordIds: [early], applicant: { name: '石家庄市栾城区第3商贸有限公司', code: '91350200776049653A' }, channel: 'letter', grounds: '申请修复' }));
    const r = text(value<PrintPayload>(await core.invoke('print.letter', { caseId: refused.caseId })));
    expectLetter(r, ['不予受理通知书', '栾测监信不受〔2026〕1号', '你单位于2026年3月10日提出的信用修复申请', '本机关决定不予受理', '2026-06-03起可以申请', '《信用修复管理办法》', ...REMEDY]);

    // An eligible repair missing materials: 补正材料通知书 lists every missing item and the date to supply them by.
    const old = await createPenalty(core, 4, { CF_JDRQ: '2025-06-02', CF_YXQ: '2026-06-02' });
    const repair = value<CaseDetail>(
      await core.invoke('cases.register', {
        kind: 'repair',
        recordIds: [old],
        applicant: { name: '石家庄市栾城区第4商贸有限公司', code: '91350200776049653A' },
        channel: 'window',
        received: '2026-03-09',
        grounds: '申请修复',
        attachments: [file('申请表.pdf', pdfBytes('form'), '信用修复申请表')],
      }),
    );
    expect(repair.letters.map((l) => [l.kind, l.docNo])).toEqual([['materials', '栾测监信补〔2026〕1号']]);
    const materials = value<PrintPayload>(await core.invoke('print.letter', { caseId: repair.caseId, letter: 'materials' }));
    expectLetter(text(materials), ['补正材料通知书', '栾测监信补〔2026〕1号', '石家庄市栾城区第4商贸有限公司：', '你单位于2026年3月9日提出的信用修复申请', '1．信用修复承诺书', '2．履行法定义务的证明材料', '于2026年3月24日（含当日）前一次性补正', '国办发〔2025〕22号']);
    look(materials, '2-补正材料通知书');
    // The materials arrive (dated the day they came), the repair is approved: 信用修复决定书.
    for (const item of ['信用修复承诺书', '履行法定义务的证明材料']) {
      value(await core.invoke('cases.attach', { caseId: repair.caseId, fileName: `${item}.pdf`, content: pdfBytes(item).toString('base64'), item, received: '2026-03-10' }));
    }
    value(await core.invoke('cases.propose', { caseId: repair.caseId, outcome: 'repair', reason: '当事人已缴清罚款，材料齐全，最短公示期已满。' }));
    await as(core, 'boss');
    value(await core.invoke('cases.approve', { caseId: repair.caseId }));
    await as(core, 'clerk');
    const decision = value<PrintPayload>(await core.invoke('print.letter', { caseId: repair.caseId }));
    expectLetter(text(decision), [
      '信用修复决定书',
      '栾测监信复决〔2026〕1号',
      '本机关于2026年3月10日受理',
      '审查了你单位提交的信用修复申请表、信用修复承诺书、履行法定义务的证明材料',
      '经核查：当事人已缴清罚款',
      '一般失信信息，公示截止期为2026年6月2日，最早可申请信用修复的日期为2025年9月3日',
      '处理结果：同意修复',
      `依据：《信用修复管理办法》；${LEGAL_BASES_2026.bases.find((b) => b.key === 'plan-22')!.name}`,
      ...REMEDY,
    ]);
    look(decision, '3-信用修复决定书');

    // An objection decided 更正: 异议处理决定书 with the change and the remedies; answered → its service is recorded.
    const corrected = cases[1];
    value(await core.invoke('cases.propose', { caseId: corrected.caseId, outcome: 'correct', reason: '原决定书罚款金额为三千元，录入有误。', set: { CF_NR_FK: '0.3', CF_NR: '罚款人民币三千元' } }));
    await as(core, 'boss');
    value(await core.invoke('cases.approve', { caseId: corrected.caseId }));
    await as(core, 'clerk');
    const answered = value<CaseDetail>(await core.invoke('cases.answer', { caseId: corrected.caseId, method: '邮寄送达', date: '2026-03-10', servedTo: '王小明' }));
    expect(answered.letters.find((l) => l.kind === 'objection-decision')?.service).toMatchObject({ method: '邮寄送达', on: '2026-03-10', to: '王小明', by: 'clerk1' });
    const objection = value<PrintPayload>(await core.invoke('print.letter', { caseId: corrected.caseId }));
    expectLetter(text(objection), ['异议处理决定书', '栾测监信异决〔2026〕1号', '王小明：', '处理结果：更正', '罚款人民币三千元', '0.3', '《河北省社会信用信息条例》', ...REMEDY]);
    look(objection, '4-异议处理决定书');
    // Service of another letter, recorded once.
    const acceptanceLetter = cases[1].letters[0];
    const served = value<CaseDetail>(await core.invoke('cases.serveLetter', { caseId: corrected.caseId, letterId: acceptanceLetter.letterId, method: '直接送达', date: '2026-03-10', to: '王小明' }));
    expect(served.letters.find((l) => l.letterId === acceptanceLetter.letterId)?.service?.method).toBe('直接送达');
    const twice = await core.invoke('cases.serveLetter', { caseId: corrected.caseId, letterId: acceptanceLetter.letterId, method: '邮寄送达', date: '2026-03-10' });
    expect(twice.ok).toBe(false);

    // 信用修复告知书 of a penalty record (“两书同达”): class, publication end, earliest repair date, how to apply.
    const notice = value<IssuedLetterView>(await core.invoke('letters.issueRepairNotice', { recordId: early }));
    expect(notice.docNo).toBe('栾测监信告〔2026〕1号');
    expect(value<IssuedLetterView>(await core.invoke('letters.issueRepairNotice', { recordId: early })).docNo).toBe(notice.docNo);
    const told = value<PrintPayload>(await core.invoke('print.repairNotice', { recordId: early }));
    expectLetter(text(told), [
      '信用修复告知书',
      '栾测监信告〔2026〕1号',
      '石家庄市栾城区第3商贸有限公司（91350200776049653A）：',
      '2026年3月2日对你单位作出行政处罚决定',
      '属于一般失信信息（罚款5000元）',
      '最长公示至2027年3月2日（含当日）',
      '自2026年6月3日起',
      '信用修复申请表、信用修复承诺书、履行法定义务的证明材料',
      '《信用修复管理办法》',
    ]);
    look(told, '5-信用修复告知书');

    // The 案件审批表 keeps what letters leave out: channel, handlers, clocks, letters and their service.
    await as(core, 'archivist');
    const sheet = text(value<PrintPayload>(await core.invoke('print.caseSheet', { caseId: corrected.caseId })));
    for (const s of ['案件审批表', '收到渠道', '窗口', '李晓梅', '赵国强', '信受字', '信异决', '邮寄送达', '经办人（签字）', '打印人']) expect(sheet, s).toContain(s);

    // Every print is in the print log with its 发文字号.
    const log = value<{ items: PrintLogEntry[] }>(await core.invoke('print.log', { kind: 'letter' }));
    expect(log.items.filter((e) => e.options.docNo === '栾测监信受字〔2026〕第1号')).toHaveLength(2);
  });

  it('a repair of another authority’s penalty is refused, and its letter names that authority', async () => {
    const { core } = await caseDesk();
    const other = await createPenalty(core, 5, { CF_CFJG: '石家庄市栾城区城市管理综合行政执法局', CF_CFJGDM: '913502000728319549', CF_JDRQ: '2025-06-02', CF_YXQ: '2026-06-02' });
    const c = value<CaseDetail & { otherAuthority: string | null }>(
      await core.invoke('cases.register', { kind: 'repair', recordIds: [other], applicant: { name: '石家庄市栾城区第5商贸有限公司' }, channel: 'window', grounds: '申请修复' }),
    );
    expect(c).toMatchObject({ state: 'refused', otherAuthority: '石家庄市栾城区城市管理综合行政执法局' });
    const letter = value<PrintPayload>(await core.invoke('print.letter', { caseId: c.caseId }));
    const t = text(letter);
    expectLetter(t, ['不予受理通知书', '由石家庄市栾城区城市管理综合行政执法局认定', '请向石家庄市栾城区城市管理综合行政执法局提出信用修复申请', '谁认定、谁修复']);
    expect(t).not.toContain('本机关决定予以信用修复');
    look(letter, '6-不予受理通知书（他机关）');
    // Forwarded instead: recorded as such.
    const objection = value<CaseDetail>(await core.invoke('cases.register', { kind: 'objection', recordIds: [other], applicant: { name: '石家庄市栾城区第5商贸有限公司' }, channel: 'window', grounds: '有误', forward: true }));
    expect(objection.steps.map((s) => s.action)).toEqual(['register', 'forward']);
    expect(objection.refusalReason).toContain('转送石家庄市栾城区城市管理综合行政执法局');
  });
});
