/**
 * A department that has done every kind of work, through the core as each person
 * would: records entered, corrected, withdrawn, imported and exported; objection and
 * repair cases through every step; prints of every document; a shared list pinned and
 * imported; credit checks with feedback; a backup; calendars and rule tables installed;
 * batches prepared, returned, signed, exported and answered by a receipt; people added,
 * changed, disabled and enabled; a refusal and a failed login. The audit tests read
 * the trail it leaves (test/audit/words.test.ts in the core, test/e2e/audit-words.test.ts
 * in the browser).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BatchOperationView, BatchView, CaseDetail, CheckResultView, FilePayload, SigningKeyView } from '../../electron/contract';
import { CASE_RULES_2025 } from '../../electron/core/cases/rules';
import { pdfBytes, PNG } from '../cases/fixtures';
import { penaltyRow, tempFolder } from '../helpers';
import { entry, opensslKey, packed } from '../lists/helpers';

/** Calls a method as whoever is logged in; throws on a refusal. */
export type Call = <T = unknown>(method: string, input?: unknown) => Promise<T>;
/** Calls a method and returns whether it failed (a refusal the day includes on purpose). */
export type Attempt = (method: string, input?: unknown) => Promise<boolean>;

export const PEOPLE = {
  admin: { login: 'admin', name: '王建国', password: 'admin-pass-1', roles: ['admin'] },
  clerk: { login: 'clerk1', name: '李晓梅', password: 'clerk-pass-1', roles: ['clerk'] },
  boss: { login: 'boss', name: '赵国强', password: 'boss-pass-1', roles: ['approver'] },
  deputy: { login: 'deputy', name: '钱副局', password: 'deputy-pass-1', roles: ['approver'] },
  archivist: { login: 'archive', name: '周档案', password: 'archive-pass-1', roles: ['archivist'] },
  auditor: { login: 'audit', name: '孙审计', password: 'audit-pass-1', roles: ['auditor'] },
  temp: { login: 'temp', name: '临时工', password: 'temp-pass-12', roles: ['clerk'] },
} as const;

type Who = keyof typeof PEOPLE;

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64');

function csv(rows: Record<string, unknown>[]): string {
  const header = Object.keys(rows[0]);
  const cell = (v: unknown) => `"${String(v ?? '').replace(/"/g, '""')}"`;
  return [header.join(','), ...rows.map((r) => header.map((h) => cell(r[h])).join(','))].join('\n') + '\n';
}

/**
 * Runs the day. The department is set up with `PEOPLE.admin` already and that person
 * logged in; `as` logs someone in (the caller's own login helper).
 */
export async function busyDay(call: Call, attempt: Attempt, as: (who: (typeof PEOPLE)[Who]) => Promise<void>, failedLogin: () => Promise<void>): Promise<{ logins: string[] }> {
  const folder = tempFolder();
  await as(PEOPLE.admin);
  for (const who of ['clerk', 'boss', 'deputy', 'archivist', 'auditor', 'temp'] as const) {
    const p = PEOPLE[who];
    await call('users.add', { login: p.login, name: p.name, password: p.password, roles: [...p.roles] });
  }
  await call('users.setRoles', { login: 'archive', roles: ['archivist', 'auditor'] });
  await call('users.setRoles', { login: 'archive', roles: ['archivist'] });
  await call('users.resetPassword', { login: 'temp', newPassword: 'temp-pass-123', password: PEOPLE.admin.password });
  await call('users.disable', { login: 'temp', reason: '借调结束', password: PEOPLE.admin.password });
  await call('users.enable', { login: 'temp', newPassword: 'temp-pass-1234', password: PEOPLE.admin.password });
  await call('settings.update', { idleLockMinutes: 15 });
  await call('department.update', { name: '石家庄市栾城区市场监督管理局', uscc: '91350200776049653A', regionCode: '130111', contactPerson: '张三', contactPhone: '0311-85012345' });
  // A shared list: the platform's key pinned, a list imported, a forged one refused.
  const platform = opensslKey(folder);
  await call('lists.pin', { pem: platform.publicPem, label: '栾城区信用信息共享平台' });
  const list = await packed({ key: platform, entries: [entry({ name: '石家庄市栾城区失信商贸有限公司', code: '91130111MA0A1B2C2U' })], version: 2 }, folder);
  await call('lists.import', { fileName: '严重失信主体名单-v2.zip', content: b64(await import('node:fs').then((f) => f.readFileSync(list))) });
  const stranger = opensslKey(folder, 'stranger');
  const forged = await packed({ key: stranger, entries: [entry()], version: 3 }, folder);
  await attempt('lists.import', { fileName: '严重失信主体名单-v3.zip', content: b64(await import('node:fs').then((f) => f.readFileSync(forged))) });
  // Tables: a later case-rules version, a calendar year.
  await call('rules.install', { table: { ...CASE_RULES_2025, version: 'cases-2026.2', effectiveFrom: '2026-03-05', source: '测试：案件规则第二版' } });
  await call('calendar.install', {
    // 2028: the calendar registry lives for the process, and other tests install 2027.
    table: { format: 'credit-desk-calendar/1', region: 'CN', year: 2028, version: 'test-2028.1', source: '测试用日历（非真实安排）', holidays: [{ name: '元旦', from: '2028-01-01', to: '2028-01-03' }], workdays: [] },
  });
  // A backup to a folder.
  const backups = join(folder, 'backups');
  await import('node:fs').then((f) => f.mkdirSync(backups));
  await call('backup.configure', { folder: backups, scheduled: false });
  await call('backup.create');

  // --- the approvers' keys ---------------------------------------------------------------
  for (const who of ['boss', 'deputy'] as const) {
    await as(PEOPLE[who]);
    await call<SigningKeyView>('keys.generate', { password: PEOPLE[who].password });
  }

  // --- the clerk's records ---------------------------------------------------------------
  await as(PEOPLE.clerk);
  const ids: number[] = [];
  for (let i = 1; i <= 4; i++) {
    ids.push((await call<{ recordId: number }>('records.create', { category: 'penalty', values: penaltyRow({ CF_WSH: `栾市监罚〔2026〕${i}号` }) })).recordId);
  }
  const person = (
    await call<{ recordId: number }>('records.create', {
      category: 'penalty',
      values: penaltyRow({ CF_WSH: '栾市监罚〔2026〕7号', CF_XDR_MC: '王某某', CF_XDR_LB: '自然人', CF_XDR_SHXYM: '', CF_FRDB: '', CF_XDR_ZJLX: '身份证', CF_XDR_ZJHM: '11010519491231002X' }),
    })
  ).recordId;
  await call('records.create', { category: 'penalty', values: penaltyRow({ CF_WSH: '栾市监罚〔2026〕8号', CF_XDR_MC: '石家庄市栾城区恒瑞商贸公司' }), draft: true });
  await call('records.update', { recordId: ids[0], baseVersion: 1, values: penaltyRow({ CF_WSH: '栾市监罚〔2026〕1号', CF_NR_FK: '0.8', CF_NR: '罚款人民币8000元' }), reason: '按复核决定更正罚款金额' });
  await call('records.withdraw', { recordId: ids[3], reason: '决定已撤销' });
  await call('records.unmask', { recordId: person, reason: '核对身份' });
  const rows = [penaltyRow({ CF_WSH: '栾市监罚〔2026〕21号', CF_XDR_MC: '石家庄市栾城区导入商贸有限公司' }), penaltyRow({ CF_WSH: '栾市监罚〔2026〕22号', CF_XDR_MC: '石家庄市栾城区导入二商贸有限公司' })];
  await call('import.run', { category: 'penalty', fileName: '处罚决定-3月.csv', content: b64(csv(rows)) });
  await call('import.run', { category: 'penalty', fileName: '处罚决定-历史.csv', content: b64(csv([penaltyRow({ CF_WSH: '栾市监罚〔2025〕5号', CF_JDRQ: '2025-03-02', CF_YXQ: '2026-03-02' })])), alreadyReported: true });
  await call('export.run', { category: 'penalty', state: 'pending' });
  const subjects = await call<{ items: { subjectId: number }[] }>('subjects.search', { conflictsOnly: true });
  const conflict = (await call<{ conflicts: { id: number }[] }>('subjects.get', { subjectId: subjects.items[0].subjectId })).conflicts[0];
  await call('subjects.rename', { subjectId: subjects.items[0].subjectId, conflictId: conflict.id });
  await attempt('users.list'); // refused: a clerk

  // --- a credit check with feedback, and a check of a file -----------------------------------
  const check = await call<CheckResultView>('checks.run', { subject: '91130111MA0A1B2C2U', matter: '政府采购' });
  await call('checks.feedback', { checkNo: check.checkNo, measure: '限制参与政府采购', note: '已书面告知' });
  await call('checks.runUpload', { fileName: '申请人.csv', content: b64('名称,统一社会信用代码\n石家庄市栾城区失信商贸有限公司,91130111MA0A1B2C2U\n'), matter: '财政资金' });
  await call('print.checkResult', { checkNo: check.checkNo });

  // --- cases ----------------------------------------------------------------------------------
  const objection = await call<CaseDetail>('cases.register', {
    kind: 'objection',
    recordIds: [ids[1]],
    applicant: { name: '石家庄市栾城区恒瑞商贸有限公司', code: '91350200776049653A', contact: '0311-80000000' },
    channel: 'window',
    grounds: '罚款金额与决定书不符',
    attachments: [{ fileName: '决定书.pdf', content: b64(pdfBytes()) }],
  });
  await call('cases.accept', { caseId: objection.caseId });
  await call('cases.extend', { caseId: objection.caseId, reason: '需调取原始档案' });
  await call('cases.propose', { caseId: objection.caseId, outcome: 'correct', reason: '罚款金额录入有误', set: { CF_NR_FK: '0.3', CF_NR: '罚款人民币3000元' } });
  const refused = await call<CaseDetail>('cases.register', { kind: 'objection', recordIds: [ids[2]], applicant: { name: '某公司' }, channel: 'phone', grounds: '无具体理由' });
  await call('cases.refuse', { caseId: refused.caseId, reason: '不属于本部门的信息' });
  const repair = await call<CaseDetail>('cases.register', { kind: 'repair', recordIds: [ids[2]], applicant: { name: '石家庄市栾城区恒瑞商贸有限公司' }, channel: 'platform', platformRef: 'XF-2026-001', grounds: '已履行处罚决定' });
  await call('cases.attach', { caseId: repair.caseId, fileName: '承诺书.png', content: b64(PNG), item: '信用修复承诺书' });
  await call('cases.requestMaterials', { caseId: repair.caseId, item: '履行法定义务的证明材料', reason: '缴款凭证不清晰' });
  await call('cases.attach', { caseId: repair.caseId, fileName: '缴款凭证.pdf', content: b64(pdfBytes('paid')), item: '履行法定义务的证明材料' });
  await call('cases.attach', { caseId: repair.caseId, fileName: '申请表.pdf', content: b64(pdfBytes('form')), item: '信用修复申请表' });
  await call('cases.propose', { caseId: repair.caseId, outcome: 'repair', reason: '已履行处罚决定，同意修复' }).catch(() => undefined);
  await call('cases.attachment', { caseId: objection.caseId, attachmentId: objection.attachments[0].attachmentId });

  // --- batches ----------------------------------------------------------------------------
  const first = await call<BatchView>('batches.prepare');
  await call('batches.cancel', { batchId: first.batchId, reason: '漏了一条记录' });
  const second = await call<BatchView>('batches.prepare');
  await as(PEOPLE.boss);
  await call('batches.reject', { batchId: second.batchId, reason: '决定日期与文书不符' });
  await attempt('batches.approve', { batchId: second.batchId, password: PEOPLE.boss.password });
  await call('cases.return', { caseId: objection.caseId, reason: '请补充核查过程' });
  await as(PEOPLE.clerk);
  await call('cases.propose', { caseId: objection.caseId, outcome: 'correct', reason: '经调取原始档案核查，罚款金额录入有误', set: { CF_NR_FK: '0.3', CF_NR: '罚款人民币3000元' } });
  const third = await call<BatchView>('batches.prepare');
  await as(PEOPLE.boss);
  await call('cases.approve', { caseId: objection.caseId });
  await call('cases.approve', { caseId: repair.caseId }).catch(() => undefined);
  await call('batches.approve', { batchId: third.batchId, password: PEOPLE.boss.password });
  const file = await call<FilePayload>('batches.export', { batchId: third.batchId });
  writeFileSync(join(folder, file.fileName), Buffer.from(file.content, 'base64'));
  await call('batches.verify', { fileName: file.fileName, content: file.content });
  await as(PEOPLE.clerk);
  await call('cases.answer', { caseId: objection.caseId, method: '邮寄决定书' });
  const signed = await call<BatchView>('batches.get', { batchId: third.batchId });
  const ops = await call<{ items: BatchOperationView[] }>('batches.operations', { batchId: third.batchId, limit: 500 });
  const receipt = {
    format: 'credit-desk-receipt/1',
    batchId: signed.publicId,
    results: ops.items.map((op, i) => (i === 0 ? { opId: op.opId, status: 'rejected', code: '1001', message: '名称与统一社会信用代码不匹配' } : { opId: op.opId, status: 'accepted' })),
  };
  await call('receipts.preview', { fileName: '回执.json', content: b64(JSON.stringify(receipt)) });
  // Unsigned (handed over on paper's behalf): only an approver imports it, confirming it (issue 18).
  await as(PEOPLE.boss);
  await call('receipts.import', { fileName: '回执.json', content: b64(JSON.stringify(receipt)), confirmUnsigned: true });

  // --- the archivist prints ---------------------------------------------------------------------
  await as(PEOPLE.archivist);
  await call('print.creditFile', { code: '91350200776049653A', withHistory: true });
  await call('print.batchSheet', { batchId: third.batchId });
  await call('print.keySheet', { login: 'boss' });
  await call('print.letter', { caseId: objection.caseId });
  await attempt('records.create', { category: 'penalty', values: penaltyRow() }); // refused: an archivist

  // --- the auditor, and a failed login -----------------------------------------------------------
  await as(PEOPLE.auditor);
  await call('audit.verify', {});
  await call('audit.export', { actor: 'clerk1' });
  await failedLogin();
  await as(PEOPLE.admin);
  return { logins: Object.values(PEOPLE).map((p) => p.login) };
}
