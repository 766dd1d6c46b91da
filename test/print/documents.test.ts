/**
 * The printed documents through the contract, as an archivist, a clerk and an
 * approver would print them; every PDF is read back with poppler and zbar.
 */
import { letOffFirstLoginChange } from '../first-login';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchView, FilePayload, PrintLogEntry, PrintLookup, PrintPayload, SigningKeyView } from '../../electron/contract';
import { sm3Hex } from '../../electron/core/batches/sm2';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../electron/core/index';
import { FAST_KDF, penaltyRow, setUp, value, withRaw } from '../helpers';
import { pdfFonts, pdfPages, pdfText, qrCodesOnPage, squash } from './pdf-tools';
import { zipMember } from '../zip';

type Core = ReturnType<typeof createCore>;

const COMPANY = '91350200776049653A';
const PERSON_ID = '11010519491231002X';
const MASKED_ID = '1101**********002X';
const YEAR = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();

async function as(core: Core, login: string, password: string) {
  value(await core.invoke('auth.logout', {}));
  value(await core.invoke('auth.login', { login, password }));
}

function pdf(payload: PrintPayload): Buffer {
  return Buffer.from(payload.content, 'base64');
}

/**
 * One department: a company with 260 penalties (one corrected, one with a rare
 * character in its legal representative's name), a person with an ID number, an
 * archivist and an auditor; batch 1 approved and signed by `boss`.
 */
async function department(dbPath: string) {
  // Not the shared helpers' core: this one lives for the whole file (they close theirs after each test).
  const core = letOffFirstLoginChange(createCore({ kdfCost: FAST_KDF, dbPath }), dbPath);
  await setUp(core);
  value(await core.invoke('users.add', { login: 'clerk1', name: '录入员甲', roles: ['clerk'], password: 'clerk-pass-1' }));
  value(await core.invoke('users.add', { login: 'boss', name: '部门负责人', roles: ['approver'], password: 'boss-pass-1' }));
  await as(core, 'clerk1', 'clerk-pass-1');
  const decisions: string[] = [];
  for (let i = 1; i <= 260; i++) {
    const no = `栾市监罚〔2026〕${i}号`;
    decisions.push(no);
    value(await core.invoke('records.create', { category: 'penalty', values: penaltyRow({ CF_WSH: no, CF_FRDB: '王䶮𬌗' }) }));
  }
  const first = value<{ items: { recordId: number }[] }>(await core.invoke('records.search', { query: '栾市监罚〔2026〕1号', limit: 1 }));
  const recordId = first.items[0].recordId;
  value(
    await core.invoke('records.update', {
      recordId,
      baseVersion: 1,
      values: penaltyRow({ CF_WSH: '栾市监罚〔2026〕1号', CF_FRDB: '王䶮𬌗', CF_NR_FK: '0.8', CF_NR: '罚款人民币八千元' }),
      reason: '罚款金额录入有误，按决定书更正',
    }),
  );
  value(
    await core.invoke('records.create', {
      category: 'penalty',
      values: penaltyRow({
        CF_XDR_MC: '李𫖯',
        CF_XDR_LB: '自然人',
        CF_XDR_SHXYM: null,
        CF_FRDB: null,
        CF_XDR_ZJLX: '身份证',
        CF_XDR_ZJHM: PERSON_ID,
        CF_WSH: '栾市监罚〔2026〕900号',
      }),
    }),
  );
  const batch = value<BatchView>(await core.invoke('batches.prepare', {}));
  await as(core, 'admin', 'admin-pass-1');
  value(await core.invoke('users.add', { login: 'archivist', name: '赵档案', roles: ['archivist'], password: 'archivist-pass-1' }));
  value(await core.invoke('users.add', { login: 'auditor', name: '钱审计', roles: ['auditor'], password: 'auditor-pass-1' }));
  await as(core, 'boss', 'boss-pass-1');
  const key = value<SigningKeyView>(await core.invoke('keys.generate', { password: 'boss-pass-1' }));
  value(await core.invoke('batches.approve', { batchId: batch.batchId, password: 'boss-pass-1' }));
  const approved = value<BatchView>(await core.invoke('batches.get', { batchId: batch.batchId }));
  const archive = value<FilePayload>(await core.invoke('batches.export', { batchId: batch.batchId }));
  await as(core, 'archivist', 'archivist-pass-1');
  return { core, decisions, recordId, batch: approved, archive: Buffer.from(archive.content, 'base64'), key };
}

describe('printed documents', () => {
  let d: Awaited<ReturnType<typeof department>>;
  const folder = mkdtempSync(join(tmpdir(), 'credit-desk-print-'));
  beforeAll(async () => {
    d = await department(join(folder, 'department.db'));
  }, 240_000);
  afterAll(() => {
    d?.core.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('a credit file of hundreds of records runs over pages with the table header repeated, every decision listed', async () => {
    const out = value<PrintPayload>(await d.core.invoke('print.creditFile', { code: COMPANY }));
    expect(out.printNo).toMatch(new RegExp(`^P${YEAR}-\\d{6}$`));
    expect(out.fileName).toBe(`信用档案-石家庄市栾城区恒瑞商贸有限公司-${out.printNo}.pdf`);
    const bytes = pdf(out);
    expect(sm3Hex(bytes)).toBe(out.sm3);
    expect(out.bytes).toBe(bytes.length);
    const pages = pdfPages(bytes).map(squash);
    expect(pages.length).toBe(out.pages);
    expect(out.pages).toBeGreaterThan(5);
    const all = pages.join('');
    expect(all).toContain('石家庄市栾城区恒瑞商贸有限公司');
    expect(all).toContain(COMPANY);
    expect(all).toContain('王䶮𬌗');
    for (const no of d.decisions) expect(all).toContain(no);
    pages.forEach((page, k) => {
      expect(page).toContain(`第${k + 1}页共${out.pages}页`);
      expect(page).toContain(out.printNo);
      expect(page).toContain('赵档案（archivist）');
    });
    // Every page the records table runs onto starts it with the header row again (read as laid out).
    const tablePages = pages.flatMap((p, i) => (p.includes('栾市监罚') ? [i + 1] : []));
    expect(tablePages.length).toBeGreaterThan(4);
    for (const n of tablePages) {
      const laidOut = pdfText(bytes, n);
      const header = laidOut.search(/决定文书号\s+决定日期\s+内容摘要\s+状态\s+公示截止\s+最早可修复/);
      expect(header, `page ${n}`).toBeGreaterThanOrEqual(0);
      expect(header, `page ${n}: the header comes before the first record`).toBeLessThan(laidOut.indexOf('栾市监罚'));
    }
    expect(all).toContain('三、异议与信用修复');
    expect(all).toContain('四、统计');
    expect(all).toContain('行政处罚已报送');
    for (const f of pdfFonts(bytes)) expect(f).toMatchObject({ embedded: true, subset: true });
  });

  it('with history, each record lists its versions: who, when, why, what changed', async () => {
    const out = value<PrintPayload>(await d.core.invoke('print.creditFile', { code: COMPANY, withHistory: true }));
    const text = squash(pdfText(pdf(out)));
    expect(text).toContain('第2版');
    expect(text).toContain('第2版·');
    expect(text).toContain('录入员甲·更正'); // people by 姓名 (issue 19, item 12)
    expect(text).toContain('罚款金额录入有误，按决定书更正');
    expect(text).toContain('罚款金额（万元）：0.5→0.8');
    const log = value<{ items: PrintLogEntry[] }>(await d.core.invoke('print.log', { query: out.printNo }));
    expect(log.items[0].options).toEqual({ withHistory: true });
  });

  it('masks a person’s ID number unless the printer may unmask and gives a reason, and logs which', async () => {
    const masked = value<PrintPayload>(await d.core.invoke('print.creditFile', { code: PERSON_ID }));
    const text = squash(pdfText(pdf(masked)));
    expect(text).toContain('李𫖯');
    expect(text).toContain(MASKED_ID);
    expect(text).not.toContain(PERSON_ID);

    const tooShort = await d.core.invoke('print.creditFile', { code: PERSON_ID, unmaskReason: '看' });
    expect(tooShort.ok).toBe(false);

    const clear = value<PrintPayload>(await d.core.invoke('print.creditFile', { code: PERSON_ID, unmaskReason: '法院调取（2026）冀0111协字第3号' }));
    const clearText = squash(pdfText(pdf(clear)));
    expect(clearText).toContain(PERSON_ID);
    expect(clearText).toContain('法院调取（2026）冀0111协字第3号');

    const log = value<{ items: PrintLogEntry[] }>(await d.core.invoke('print.log', { kind: 'credit-file', limit: 2 }));
    expect(log.items[0]).toMatchObject({ printNo: clear.printNo, masked: false, unmaskReason: '法院调取（2026）冀0111协字第3号', state: 'done', sm3: clear.sm3 });
    await withRaw({ dbPath: join(folder, 'department.db') }, (db) => {
      const audit = db.prepare(`SELECT detail FROM audit_log WHERE method = 'print.creditFile' ORDER BY seq DESC LIMIT 1`).get() as { detail: string };
      expect(JSON.parse(audit.detail)).toMatchObject({ printNo: clear.printNo, masked: false, unmaskReason: '法院调取（2026）冀0111协字第3号', sm3: clear.sm3 });
    });
  });

  it('a batch approval sheet carries the batch digest in words and as a QR code that decodes to it', async () => {
    const out = value<PrintPayload>(await d.core.invoke('print.batchSheet', { batchId: d.batch.batchId }));
    const bytes = pdf(out);
    const manifestSm3 = sm3Hex(await zipMember(d.archive, 'manifest.json'));
    expect(manifestSm3).toBe(d.batch.manifestSm3);
    const text = squash(pdfText(bytes));
    expect(text).toContain(d.batch.publicId);
    expect(text).toContain(manifestSm3);
    expect(text).toContain(d.batch.fileName!);
    expect(text).toContain('部门负责人（签字）');
    expect(text).toContain('部门负责人（boss）');
    expect(text).toContain(d.key.fingerprint.replace(/\s+/g, ''));
    const codes = pages(bytes).flatMap((_, i) => qrCodesOnPage(bytes, i + 1));
    expect(codes).toEqual([`credit-desk-batch:${d.batch.publicId}:${manifestSm3}`]);
  });

  it('a key registration sheet shows the public key and its fingerprint, also as a QR code', async () => {
    const out = value<PrintPayload>(await d.core.invoke('print.keySheet', { login: 'boss' }));
    const bytes = pdf(out);
    const exported = value<{ pem: string; fingerprint: string }>(await d.core.invoke('keys.exportPublic', { keyId: d.key.keyId }));
    const text = squash(pdfText(bytes));
    for (const line of exported.pem.trim().split("\n")) expect(text).toContain(squash(line));
    expect(text).toContain(exported.fingerprint.replace(/\s+/g, ''));
    const codes = pages(bytes).flatMap((_, i) => qrCodesOnPage(bytes, i + 1));
    expect(codes).toEqual([exported.fingerprint.replace(/\s+/g, '')]);
  });

  it('whoever finds a paper copy can look its number up, and tell whether a PDF is exactly that print', async () => {
    const out = value<PrintPayload>(await d.core.invoke('print.batchSheet', { batchId: d.batch.batchId }));
    const same = value<PrintLookup>(await d.core.invoke('print.lookup', { printNo: out.printNo, content: out.content }));
    expect(same).toMatchObject({ matches: true, entry: { printNo: out.printNo, kind: 'batch-sheet', targetLabel: `第 1 批 ${d.batch.publicId}`, printedBy: 'archivist', pages: out.pages } });
    const altered = pdf(out);
    altered[altered.length - 20] ^= 1;
    const other = value<PrintLookup>(await d.core.invoke('print.lookup', { printNo: out.printNo, content: altered.toString('base64') }));
    expect(other.matches).toBe(false);
    const unknown = await d.core.invoke('print.lookup', { printNo: 'P1999-000001' });
    expect(unknown.ok ? null : unknown.error.code).toBe('NOT_FOUND');
  });

  it('numbers prints consecutively, and the log cannot be changed or shortened', async () => {
    const log = value<{ total: number; items: PrintLogEntry[] }>(await d.core.invoke('print.log', { limit: 500 }));
    const numbers = log.items.map((e) => Number(e.printNo.slice(6))).reverse();
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    await withRaw({ dbPath: join(folder, 'department.db') }, (db) => {
      expect(() => db.prepare(`UPDATE print_log SET sm3 = 'x' WHERE id = 1`).run()).toThrow(/never changed/);
      expect(() => db.prepare('DELETE FROM print_log').run()).toThrow(/append-only/);
    });
  });

  it('an archivist prints and reads the log but changes nothing; an auditor reads the log but does not print', async () => {
    for (const [method, input] of [
      ['records.create', { category: 'penalty', values: penaltyRow({ CF_WSH: '栾市监罚〔2026〕999号' }) }],
      ['records.withdraw', { recordId: d.recordId, reason: '测试撤回' }],
      ['batches.prepare', {}],
      ['keys.generate', { password: 'archivist-pass-1' }],
      ['receipts.import', { fileName: 'r.json', content: 'e30=' }],
    ] as const) {
      const r = await d.core.invoke(method, input);
      expect(r.ok ? 'ok' : r.error.code, method).toBe('FORBIDDEN');
    }
    await as(d.core, 'auditor', 'auditor-pass-1');
    const refused = await d.core.invoke('print.creditFile', { code: COMPANY });
    expect(refused.ok ? 'ok' : refused.error.code).toBe('FORBIDDEN');
    const log = value<{ total: number }>(await d.core.invoke('print.log', {}));
    expect(log.total).toBeGreaterThan(0);
    await as(d.core, 'archivist', 'archivist-pass-1');
  });

  it('refuses a sheet for a batch that is not signed, and an unknown subject, with a clear message', async () => {
    const unknown = await d.core.invoke('print.creditFile', { code: '913502000728319549' });
    expect(unknown.ok ? null : unknown.error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('913502000728319549') });
    const noBatch = await d.core.invoke('print.batchSheet', { batchId: 99 });
    expect(noBatch.ok ? null : noBatch.error.code).toBe('NOT_FOUND');
    await as(d.core, 'clerk1', 'clerk-pass-1');
    value(await d.core.invoke('records.create', { category: 'penalty', values: penaltyRow({ CF_WSH: '栾市监罚〔2026〕901号' }) }));
    const prepared = value<BatchView>(await d.core.invoke('batches.prepare', {}));
    const unsigned = await d.core.invoke('print.batchSheet', { batchId: prepared.batchId });
    expect(unsigned.ok ? null : unsigned.error).toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('尚未签发') });
    await as(d.core, 'archivist', 'archivist-pass-1');
  });
});

function pages(bytes: Buffer): string[] {
  return pdfPages(bytes);
}
