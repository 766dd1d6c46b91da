/**
 * Checking many applicants from a file (.xlsx written by exceljs, .csv in GBK as
 * offices save it): a check per applicant in the log, one audit entry for the run,
 * rows without a name or code reported by row number, and a result workbook (read
 * back with exceljs) with a summary sheet and a row per applicant.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, CheckRunSummary, CheckSummaryView, FilePayload } from '../../electron/contract';
import { tempFolder, value, withRaw } from '../helpers';
import { as, entry, importList, listDesk, NOW, opensslKey, packed, type PlatformKey } from '../lists/helpers';

let platform: PlatformKey;
beforeAll(() => {
  platform = opensslKey();
});

const COMPANY = '91130111MA0A1B2C2U';
const PERSON_ID = '11010519491231002X';

async function manyDesk() {
  const core = await listDesk({ now: () => NOW });
  value(await core.invoke('lists.pin', { pem: platform.publicPem, label: '平台' }));
  value(
    await importList(
      core,
      await packed({ key: platform, entries: [entry({ code: COMPANY }), entry({ name: '王某某', code: PERSON_ID, listType: '失信被执行人' }), entry({ name: '无码小店', code: null })], version: 5 }),
    ),
  );
  await as(core, 'clerk1');
  return core;
}

async function applicantsXlsx(folder: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('申请人');
  ws.addRow(['序号', '申请人名称', '统一社会信用代码', '备注']);
  ws.addRow([1, '石家庄市栾城区失信商贸有限公司', COMPANY, '甲']);
  ws.addRow([2, '清白公司', '91350200776049653A', '乙']);
  ws.addRow([3, '王某某', PERSON_ID, '丙']);
  ws.addRow([]);
  ws.addRow([5, '无码小店', null, '丁']);
  ws.addRow([6, null, null, '只有备注']);
  const path = join(folder, '申请人.xlsx');
  await wb.xlsx.writeFile(path);
  return path;
}

describe('checking many applicants', () => {
  it('checks every applicant of an .xlsx, logs each, audits the run once and writes the result workbook', async () => {
    const core = await manyDesk();
    const folder = tempFolder();
    const path = await applicantsXlsx(folder);
    const r = value<{ summary: CheckRunSummary; file: FilePayload }>(
      await core.invoke('checks.runUpload', { fileName: '申请人.xlsx', content: readFileSync(path).toString('base64'), matter: '政府采购' }),
    );
    expect(r.summary).toMatchObject({ matter: '政府采购', total: 4, clean: 1, withHits: 3, firstCheckNo: 'HC2026-000001', lastCheckNo: 'HC2026-000004' });
    expect(r.summary.skipped).toEqual([{ row: 7, message: '第 7 行：没有名称，也没有统一社会信用代码或证件号码，未核查。' }]);
    expect(r.summary.versions).toEqual([{ listId: 'LC-SXZT', name: '严重失信主体名单（栾城区）', version: 5, issuedOn: '2026-11-20' }]);
    expect(r.file.fileName).toBe('申请人-核查结果.xlsx');

    const out = join(folder, r.file.fileName);
    writeFileSync(out, Buffer.from(r.file.content, 'base64'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['核查汇总', '核查结果']);
    const summary = wb.worksheets[0];
    const facts = new Map<string, string>();
    summary.eachRow((row, n) => n > 1 && facts.set(String(row.getCell(1).value), String(row.getCell(2).value)));
    expect(facts.get('核查事项')).toBe('政府采购');
    expect(facts.get('核查人数')).toBe('4');
    expect(facts.get('有命中')).toBe('3');
    expect(facts.get('核查编号')).toBe('HC2026-000001 至 HC2026-000004');
    expect(facts.get('共享名单')).toBe('严重失信主体名单（栾城区）（第 5 版，2026-11-20）');
    const result = wb.worksheets[1];
    const header = (result.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(['序号', '申请人名称', '统一社会信用代码', '备注', '核查编号', '核查结果', '命中数', '命中名单及版本', '认定依据', '适用措施（政府采购）', '其他措施']);
    const row = (n: number) => (result.getRow(n).values as unknown[]).slice(1);
    expect(row(2).slice(0, 8)).toEqual([1, '石家庄市栾城区失信商贸有限公司', COMPANY, '甲', 'HC2026-000001', '命中：失信 1 条', 1, '严重失信主体名单（栾城区）（第 5 版）']);
    expect(row(2)[9]).toBe('限制参与政府采购');
    expect(row(3).slice(4, 7)).toEqual(['HC2026-000002', '未发现记录', 0]);
    expect(row(5).slice(1, 6)).toEqual(['无码小店', undefined, '丁', 'HC2026-000004', '命中：失信 1 条']);

    const log = value<{ total: number; items: CheckSummaryView[] }>(await core.invoke('checks.list', { runId: r.summary.runId }));
    expect(log.total).toBe(4);
    expect(log.items.map((c) => c.subjectCode)).toEqual([null, '1101**********002X', '91350200776049653A', COMPANY]);
    await withRaw(core, (db) => {
      expect(db.prepare('SELECT run_row FROM credit_checks ORDER BY id').pluck().all()).toEqual([2, 3, 4, 6]);
    });
    await as(core, 'auditor');
    const audit = value<{ items: AuditEntry[] }>(await core.invoke('audit.list', { limit: 20 })).items.filter((a) => a.method.startsWith('checks.'));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ method: 'checks.runFile', actor: 'clerk1', detail: { fileName: '申请人.xlsx', matter: '政府采购', total: 4, withHits: 3, skipped: 1 } });
  });

  it('reads a GBK .csv; refuses a file without a name or code column, changing nothing', async () => {
    const core = await manyDesk();
    const folder = tempFolder();
    // GB18030 bytes written by hand (TextEncoder only writes UTF-8): the two header words and the name.
    const gbkBytes = Buffer.concat([
      Buffer.from([0xd0, 0xd5, 0xc3, 0xfb]), // 姓名
      Buffer.from(','),
      Buffer.from([0xc9, 0xed, 0xb7, 0xdd, 0xd6, 0xa4, 0xba, 0xc5]), // 身份证号
      Buffer.from('\r\n'),
      Buffer.from([0xcd, 0xf5, 0xc4, 0xb3, 0xc4, 0xb3]), // 王某某
      Buffer.from(`,${PERSON_ID}\r\n`),
    ]);
    const r = value<{ summary: CheckRunSummary }>(await core.invoke('checks.runUpload', { fileName: 'a.csv', content: gbkBytes.toString('base64'), matter: '其他' }));
    expect(r.summary).toMatchObject({ total: 1, withHits: 1 });
    const detail = value<{ items: CheckSummaryView[] }>(await core.invoke('checks.list', {})).items[0];
    expect(detail.subjectName).toBe('王某某');

    const bad = join(folder, 'bad.csv');
    writeFileSync(bad, '序号,备注\n1,甲\n');
    const refused = await core.invoke('checks.runUpload', { fileName: 'bad.csv', content: readFileSync(bad).toString('base64'), matter: '其他' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error).toMatchObject({ code: 'BAD_FILE', message: expect.stringMatching(/第 1 行没有可识别的列名/) });
    expect(value<{ total: number }>(await core.invoke('checks.list', {})).total).toBe(1);
  });
});
