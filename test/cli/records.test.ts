/**
 * The record commands through the real command line: import (exit 0/3/1/2,
 * row errors with spreadsheet row numbers, duplicates, all-or-nothing,
 * --update), search (JSON shape, 2-character Chinese queries, filters), export
 * (.xlsx and .csv read back; formula-like text neutralised in CSV, kept as text in .xlsx) and demo.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PENALTY } from '../../electron/core/catalog/categories/penalty';
import { normaliseDecisionNumber } from '../../electron/core/catalog/records';
import { getCompiledCategory } from '../../electron/core/catalog/registry';
import { validateRecord } from '../../electron/core/catalog/validate';
import { demoRows, demoRowValues } from '../../electron/core/demo/records';
import { checkIdCard } from '../../electron/core/identifiers/idcard';
import { checkUscc } from '../../electron/core/identifiers/uscc';
import { asAdmin, cli, initDesk, onlyJson, type CliRun } from './run-cli';

const CLERK = 'clerk1';
const CLERK_PASSWORD = 'clerk-pass-1';

let folder: string;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'credit-desk-cli-records-'));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

let fileNo = 0;
const file = (name: string) => join(folder, `${++fileNo}-${name}`);

async function deskWithClerk(): Promise<string> {
  const { db } = await initDesk(file('department.db'));
  const add = await asAdmin(db, ['user', 'add', '--login', CLERK, '--name', '录入员甲', '--role', 'clerk'], { CREDIT_DESK_NEW_PASSWORD: CLERK_PASSWORD });
  if (add.code !== 0) throw new Error(`user add failed: ${add.stderr}`);
  return db;
}

function asClerk(db: string, args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  return cli([...args, '--db', db, '--as', CLERK], { CREDIT_DESK_PASSWORD: CLERK_PASSWORD, ...env });
}

// --- a small 行政处罚 workbook -------------------------------------------------

const label = (code: string) => PENALTY.fields.find((f) => f.code === code)!.label;

/** Columns: some headers by Chinese label, some by field code, not in template order. */
const COLUMNS = ['CF_WSH', label('CF_XDR_MC'), 'CF_XDR_LB', label('CF_XDR_SHXYM'), 'CF_XDR_ZJLX', 'CF_XDR_ZJHM', 'CF_WFXW', 'CF_SY', 'CF_YJ', label('CF_CFLB'), 'CF_NR', 'CF_NR_FK', label('CF_JDRQ'), 'CF_YXQ', 'CF_CFJG', 'CF_CFJGDM', 'CF_SJLY', 'CF_SJLYDM'];

interface Row {
  no: string;
  name: string;
  type?: string;
  uscc?: string;
  idType?: string;
  idNo?: string;
  facts?: string;
  kinds?: string;
  fine?: string | number;
  date?: string | Date;
}

function cells(r: Row): (string | number | Date | null)[] {
  return [
    r.no,
    r.name,
    r.type ?? '法人及非法人组织',
    r.uscc ?? null,
    r.idType ?? null,
    r.idNo ?? null,
    '销售过期食品',
    r.facts ?? '经查，当事人销售超过保质期的食品。',
    '《中华人民共和国食品安全法》第一百二十四条',
    r.kinds ?? '罚款',
    // 处罚内容 names the fine's own amount (a contradiction would refuse the row).
    r.fine === undefined ? '罚款人民币五千元' : r.fine === '' ? '警告' : `罚款人民币${Math.round(Number(r.fine) * 10000)}元`,
    r.fine ?? '0.5',
    r.date ?? '2026-03-02',
    '2027-03-02',
    '石家庄市栾城区市场监督管理局',
    '913502000728319549',
    '石家庄市栾城区市场监督管理局',
    '913502000728319549',
  ];
}

const GOOD_1: Row = { no: '栾市监罚〔2026〕12号', name: '石家庄市栾城区恒瑞商贸有限公司', uscc: '91350200776049653A', facts: '=1+2 当事人销售超过保质期的食品' };
const BAD_USCC: Row = { no: '栾市监罚〔2026〕13号', name: '石家庄市栾城区坏码商贸有限公司', uscc: '91350200776049653B' };
const GOOD_2: Row = { no: '栾市监罚〔2026〕14号', name: '河北华信建材有限公司', uscc: '913502000728319549', kinds: '警告;罚款', fine: 1.25 };
const NO_NUMBER: Row = { no: '', name: '石家庄市栾城区无号餐饮有限公司', uscc: '91230500MA1B3N1N2M' };
const BAD_DATE: Row = { no: '栾市监罚〔2026〕16号', name: '石家庄市栾城区错日物流有限公司', uscc: '91440101MA5CJQ4N59', date: '2026-02-30' };
const PERSON: Row = { no: '栾市监罚〔2026〕17号', name: '王小明', type: '自然人', idType: '身份证', idNo: '11010519491231002X', kinds: '警告', fine: '' };

/** Header row 1; data rows 2–7: rows 3, 5 and 6 are invalid. */
const MIXED = [GOOD_1, BAD_USCC, GOOD_2, NO_NUMBER, BAD_DATE, PERSON];

async function writeWorkbook(path: string, rows: Row[], columns = COLUMNS): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('行政处罚');
  ws.addRow(columns);
  for (const r of rows) ws.addRow(cells(r));
  await wb.xlsx.writeFile(path);
  return path;
}

interface ImportJson {
  imported: number;
  updated: number;
  duplicates: number;
  rejected: number;
  errors: { row: number; field: string; code: string; message: string }[];
  rolledBack?: boolean;
}

interface SearchJson {
  total: number;
  tookMs: number;
  items: { recordId: number; category: string; subjectName: string; subjectCode: string | null; decisionNo: string; state: string }[];
}

async function searchJson(db: string, args: string[]): Promise<SearchJson> {
  const run = await asClerk(db, ['search', ...args, '--json']);
  expect(run.code, run.stderr).toBe(0);
  return onlyJson<SearchJson>(run);
}

// --- import ------------------------------------------------------------------------

describe('import', () => {
  let db: string;
  let mixed: string;
  let first: ImportJson;

  beforeAll(async () => {
    db = await deskWithClerk();
    mixed = await writeWorkbook(file('处罚.xlsx'), MIXED);
  });

  it('imports the valid rows and reports every rejected row with its spreadsheet row number and field code (exit 3)', async () => {
    const run = await asClerk(db, ['import', '--category', 'penalty', mixed, '--json']);
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toContain('[ROWS_REJECTED]');
    first = onlyJson<ImportJson>(run);
    expect(Object.keys(first).slice(0, 5)).toEqual(['imported', 'updated', 'duplicates', 'rejected', 'errors']);
    expect(first).toMatchObject({ imported: 3, updated: 0, duplicates: 0, rejected: 3 });
    for (const e of first.errors) expect(Object.keys(e).sort()).toEqual(['code', 'field', 'message', 'row']);
    expect([...new Set(first.errors.map((e) => e.row))].sort()).toEqual([3, 5, 6]);
    expect(first.errors).toContainEqual(expect.objectContaining({ row: 3, field: 'CF_XDR_SHXYM' }));
    expect(first.errors).toContainEqual(expect.objectContaining({ row: 5, field: 'CF_WSH', code: 'required' }));
    expect(first.errors).toContainEqual(expect.objectContaining({ row: 6, field: 'CF_JDRQ' }));
    for (const e of first.errors) expect(e.message).toMatch(/[\u4e00-\u9fff]/);
    expect((await searchJson(db, ['--category', 'penalty'])).total).toBe(3);
  });

  it('re-importing the same file gives the same row errors and adds nothing (duplicates counted)', async () => {
    const run = await asClerk(db, ['import', '--category', 'penalty', mixed, '--json']);
    expect(run.code).toBe(3);
    const again = onlyJson<ImportJson>(run);
    expect(again).toMatchObject({ imported: 0, updated: 0, duplicates: 3, rejected: 3 });
    expect(again.errors).toEqual(first.errors);
    expect((await searchJson(db, ['--category', 'penalty'])).total).toBe(3);
  });

  it('--update records a new version only where the content changed', async () => {
    const changed = await writeWorkbook(file('更正.xlsx'), [{ ...GOOD_1, fine: '0.8' }, GOOD_2, PERSON]);
    const run = await asClerk(db, ['import', '--category', 'penalty', '--update', changed, '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(onlyJson<ImportJson>(run)).toMatchObject({ imported: 0, updated: 1, duplicates: 2, rejected: 0, errors: [] });
    // Without --update the same file changes nothing.
    const plain = await asClerk(db, ['import', '--category', 'penalty', changed, '--json']);
    expect(onlyJson<ImportJson>(plain)).toMatchObject({ imported: 0, updated: 0, duplicates: 3 });
  });

  it('the text output summarises and lists the errors in a table', async () => {
    const run = await asClerk(db, ['import', '--category', '行政处罚', mixed]);
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/重复（已存在，未导入）\s+3/);
    expect(run.stdout).toMatch(/拒绝（未通过校验）\s+3/);
    expect(run.stdout).toMatch(/行号\s+字段\s+原因/);
    expect(run.stdout).toMatch(/\n5\s+行政处罚决定书文号（CF_WSH）/);
    expect(run.stderr).toContain('[ROWS_REJECTED]');
  });

  it('--all-or-nothing imports nothing when a row is rejected (exit 1)', async () => {
    const fresh = await deskWithClerk();
    const run = await asClerk(fresh, ['import', '--category', 'penalty', '--all-or-nothing', mixed, '--json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('[ROLLED_BACK]');
    const result = onlyJson<ImportJson>(run);
    expect(result).toMatchObject({ imported: 0, rejected: 3, rolledBack: true });
    expect([...new Set(result.errors.map((e) => e.row))].sort()).toEqual([3, 5, 6]);
    expect((await searchJson(fresh, ['--category', 'penalty'])).total).toBe(0);
    // A clean file with --all-or-nothing imports everything (exit 0).
    const clean = await writeWorkbook(file('clean.xlsx'), [GOOD_1, GOOD_2]);
    const ok = await asClerk(fresh, ['import', '--category', 'penalty', '--all-or-nothing', clean, '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(onlyJson<ImportJson>(ok)).toMatchObject({ imported: 2, rejected: 0, errors: [] });
  });

  it('a file that is not a workbook fails as a whole (exit 1, BAD_FILE); a wrong password is exit 1', async () => {
    const fake = file('fake.xlsx');
    writeFileSync(fake, 'this is not a zip file');
    const bad = await asClerk(db, ['import', '--category', 'penalty', fake, '--json']);
    expect(bad.code).toBe(1);
    expect(onlyJson<{ error: { code: string } }>(bad).error.code).toBe('BAD_FILE');
    const wrong = await asClerk(db, ['import', '--category', 'penalty', mixed], { CREDIT_DESK_PASSWORD: 'not-the-password' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('[WRONG_PASSWORD]');
  });
});

// --- search and export ------------------------------------------------------------

describe('search and export', () => {
  let db: string;

  beforeAll(async () => {
    db = await deskWithClerk();
    const run = await asClerk(db, ['import', '--category', 'penalty', await writeWorkbook(file('处罚.xlsx'), MIXED), '--json']);
    expect(run.code).toBe(3);
  });

  it('search --json has the contract shape; a 2-character Chinese query finds the names containing it', async () => {
    const result = await searchJson(db, ['恒瑞']);
    expect(Object.keys(result).slice(0, 3)).toEqual(['total', 'tookMs', 'items']);
    expect(typeof result.tookMs).toBe('number');
    expect(result.total).toBe(1);
    expect(result.items).toEqual([
      { recordId: expect.any(Number), category: 'penalty', subjectName: GOOD_1.name, subjectCode: GOOD_1.uscc, decisionNo: GOOD_1.no, state: 'pending' },
    ]);
    expect((await searchJson(db, ['华信'])).items.map((i) => i.subjectName)).toEqual([GOOD_2.name]);
    expect((await searchJson(db, ['恒信'])).total).toBe(0);
  });

  it('finds by code prefix and decision-number prefix; personal ID numbers are masked', async () => {
    expect((await searchJson(db, ['9135020077'])).items.map((i) => i.decisionNo)).toEqual([GOOD_1.no]);
    const byNo = await searchJson(db, ['栾市监罚〔2026〕1']);
    expect(byNo.items.map((i) => i.decisionNo).sort()).toEqual([GOOD_1.no, GOOD_2.no, PERSON.no].sort());
    const person = (await searchJson(db, ['小明'])).items[0];
    expect(person.subjectCode).not.toBe(PERSON.idNo);
    expect(person.subjectCode).toMatch(/^1101\*+002X$/);
  });

  it('combines filters: category, state (English or Chinese), date range, limit', async () => {
    expect((await searchJson(db, ['--category', 'penalty', '--state', 'pending'])).total).toBe(3);
    expect((await searchJson(db, ['--category', 'penalty', '--state', '草稿'])).total).toBe(0);
    expect((await searchJson(db, ['--category', 'license'])).total).toBe(0);
    expect((await searchJson(db, ['--from', '2026-03-03'])).total).toBe(0);
    expect((await searchJson(db, ['--to', '2026-03-02', '--limit', '2'])).items).toHaveLength(2);
  });

  it('search text output is an aligned table with Chinese state names', async () => {
    const run = await asClerk(db, ['search', '--category', 'penalty']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/编号\s+类别\s+主体名称\s+代码\s+文号\s+决定日期\s+状态/);
    expect(run.stdout).toContain('待报送');
    expect(run.stdout).toContain('行政处罚');
    expect(run.stdout).not.toContain('pending');
    expect(run.stdout).toMatch(/共 3 条/);
  });

  it('exports .xlsx in the standard columns, a cell that begins with "=" kept as text (never a formula)', async () => {
    const out = file('导出.xlsx');
    const run = await asClerk(db, ['export', '--category', 'penalty', '--out', out, '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(onlyJson(run)).toMatchObject({ rows: 3, format: 'xlsx', path: out });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0];
    const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    expect(header).toContain(label('CF_WSH'));
    expect(header).toContain(label('CF_XDR_MC'));
    const noCol = header.indexOf(label('CF_WSH')) + 1;
    const factsCol = header.indexOf(label('CF_SY')) + 1;
    const numbers: string[] = [];
    let facts: ExcelJS.Cell | undefined;
    ws.eachRow((row, n) => {
      if (n === 1) return;
      numbers.push(String(row.getCell(noCol).value));
      if (row.getCell(noCol).value === GOOD_1.no) facts = row.getCell(factsCol);
    });
    expect(numbers.sort()).toEqual([GOOD_1.no, GOOD_2.no, PERSON.no].sort());
    expect(facts).toBeDefined();
    // An .xlsx text cell is never evaluated: the text stays exactly as entered (before: an apostrophe was added).
    expect(facts!.type).toBe(ExcelJS.ValueType.String);
    expect(String(facts!.value)).toMatch(/^=1\+2 当事人销售超过保质期的食品/);
  });

  it('exports .csv (UTF-8) with a filter and a query; formula-like cells are neutralised', async () => {
    const out = file('导出.csv');
    const run = await asClerk(db, ['export', '--category', 'penalty', '--state', 'pending', '--out', out, '恒瑞']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('已导出 1 条行政处罚记录');
    const text = readFileSync(out, 'utf8').replace(/^\uFEFF/, '');
    const rows = parseCsv(text);
    expect(rows[0]).toContain(label('CF_WSH'));
    expect(rows.slice(1).filter((r) => r.length > 1)).toHaveLength(1);
    const record = rows[1];
    expect(record).toContain(GOOD_1.no);
    expect(record).toContain(GOOD_1.name);
    const facts = record.find((c) => c.includes('1+2 当事人'));
    expect(facts).toBeDefined();
    for (const c of record) expect(c).not.toMatch(/^[=+\-@]/);
  });
});

/** A small RFC 4180 reader (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

// --- demo ------------------------------------------------------------------------------

describe('demo', () => {
  it('creates a department with users of every role and N generated records that search finds', async () => {
    const db = file('demo.db');
    const run = await cli(['demo', '--db', db, '--admin', 'boss', '--records', '200', '--json'], { CREDIT_DESK_PASSWORD: 'boss-pass-1' });
    expect(run.code, run.stderr).toBe(0);
    const result = onlyJson<{ users: { login: string; roles: string[]; password: string | null }[]; records: { created: number; byCategory: Record<string, number> } }>(run);
    expect(result.records.created).toBe(200);
    expect(Object.keys(result.records.byCategory).sort()).toEqual(['blacklist', 'commitment', 'license', 'penalty', 'redlist']);
    expect(result.users.flatMap((u) => u.roles).sort()).toEqual(['admin', 'approver', 'archivist', 'auditor', 'clerk']);
    const clerk = result.users.find((u) => u.roles.includes('clerk'))!;
    expect(clerk.password).toEqual(expect.any(String));

    const as = (args: string[]) => cli([...args, '--db', db, '--as', clerk.login, '--json'], { CREDIT_DESK_PASSWORD: clerk.password! });
    const all = onlyJson<SearchJson>(await as(['search', '--category', 'penalty', '--limit', '500']));
    expect(all.total).toBeGreaterThan(40);
    expect(all.total).toBeLessThan(120);
    const name = all.items.map((i) => i.subjectName).find((n) => Array.from(n).length >= 6)!;
    const query = Array.from(name).slice(2, 4).join('');
    const found = onlyJson<SearchJson>(await as(['search', query, '--limit', '500']));
    expect(found.total).toBeGreaterThan(0);
    for (const item of found.items) expect(item.subjectName).toContain(query);
    expect(found.items.map((i) => i.subjectName)).toContain(name);
    // The admin logs in with the password from CREDIT_DESK_PASSWORD; the trail is intact.
    const verify = await cli(['audit', 'verify', '--db', db, '--as', 'boss', '--json'], { CREDIT_DESK_PASSWORD: 'boss-pass-1' });
    expect(verify.code).toBe(0);
    // A second demo at the same place is refused.
    const again = await cli(['demo', '--db', db, '--admin', 'boss', '--records', '0'], { CREDIT_DESK_PASSWORD: 'boss-pass-1' });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('[ALREADY_INITIALIZED]');
  });
});

describe('demo record generator', () => {
  const today = '2026-11-27';
  const rows = [...demoRows({ count: 5000, today })];

  it('generates valid records with valid, consistent identifiers and no duplicate keys', () => {
    const keys = new Set<string>();
    const nameOf = new Map<string, string>();
    const types = new Set<string>();
    for (const row of rows) {
      const c = getCompiledCategory(row.category);
      const result = validateRecord(c, row.cells, { today });
      expect(result.errors, JSON.stringify(demoRowValues(row))).toEqual([]);
      const s = c.def.subject;
      const type = result.values[s.type] as string;
      types.add(type);
      const uscc = result.values[s.uscc] as string | null;
      const id = result.values[s.idNumber] as string | null;
      if (type === '自然人') {
        expect(uscc).toBeNull();
        expect(checkIdCard(id!, new Date(`${today}T00:00:00Z`))).toEqual({ ok: true });
      } else {
        expect(checkUscc(uscc!)).toEqual({ ok: true });
        expect(uscc!.startsWith('92')).toBe(type === '个体工商户');
      }
      const code = uscc ?? id!;
      const name = result.values[s.name] as string;
      expect(nameOf.get(code) ?? name, `${code} keeps one name`).toBe(name);
      nameOf.set(code, name);
      const key = `${row.category}|${code}|${normaliseDecisionNumber(result.values[c.def.decisionNumberField] as string)}`;
      expect(keys.has(key), key).toBe(false);
      keys.add(key);
      const date = result.values[c.def.decisionDateField] as string;
      expect(date <= today && date >= '2023-11-01', date).toBe(true);
    }
    expect([...types].sort()).toEqual(['个体工商户', '法人及非法人组织', '自然人']);
    // Busy subjects have several records.
    expect(nameOf.size).toBeLessThan(rows.length * 0.7);
  });

  it('spreads records over the five categories and the states as documented, deterministically', () => {
    const share = (pred: (r: (typeof rows)[number]) => boolean) => rows.filter(pred).length / rows.length;
    expect(share((r) => r.category === 'license')).toBeGreaterThan(0.35);
    expect(share((r) => r.category === 'penalty')).toBeGreaterThan(0.35);
    for (const c of ['redlist', 'blacklist', 'commitment']) expect(share((r) => r.category === c)).toBeGreaterThan(0.02);
    expect(share((r) => r.state === 'pending')).toBeGreaterThan(0.6);
    for (const st of ['accepted', 'rejected', 'draft'] as const) expect(share((r) => r.state === st)).toBeGreaterThan(0.02);
    const again = [...demoRows({ count: 50, today })];
    expect([...demoRows({ count: 50, today })]).toEqual(again);
    expect([...demoRows({ count: 50, today, seed: 7 })]).not.toEqual(again);
  });
});

// --- usage errors ----------------------------------------------------------------------

describe('usage errors exit 2', () => {
  const db = () => join(folder, 'none.db');
  async function expectUsage(cases: [string[], RegExp][], env: Record<string, string> = { CREDIT_DESK_PASSWORD: CLERK_PASSWORD }, acting = true) {
    for (const [args, message] of cases) {
      const run = await cli(acting ? [...args, '--db', db(), '--as', CLERK] : args, env);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(message);
      expect(run.stderr, args.join(' ')).toContain('[USAGE]');
      expect(run.stdout, args.join(' ')).toBe('');
    }
  }

  it('import: a missing, unknown or extra file argument, an unknown category', async () => {
    const xlsx = await writeWorkbook(file('u.xlsx'), [GOOD_1]);
    const txt = file('u.txt');
    writeFileSync(txt, 'x');
    await expectUsage([
      [['import', '--category', 'penalty'], /缺少参数：文件/],
      [['import', '--category', 'penalty', txt], /只能导入 \.xlsx、\.xls 或 \.csv/],
      [['import', '--category', 'penalty', file('missing.xlsx')], /文件不存在/],
      [['import', '--category', 'nonsense', xlsx], /未知的类别：nonsense/],
      [['import', xlsx], /缺少必需的选项 --category/],
      [['import', '--category', 'penalty', xlsx, 'extra.xlsx'], /多余的参数：extra\.xlsx/],
    ]);
  });

  it('search and export: no query nor filter, a bad state, date or limit, a bad output file', async () => {
    await expectUsage([
      [['search'], /请给出查询词，或至少一个筛选条件/],
      [['search', '--state', 'bogus'], /未知的状态：bogus/],
      [['search', '--from', '2026-02-30'], /--from 应为 YYYY-MM-DD/],
      [['search', '恒瑞', '--limit', '0'], /--limit 应为 1 到 500/],
      [['export', '--category', 'penalty', '--out', file('x.pdf')], /扩展名应为 \.xlsx 或 \.csv/],
      [['export', '--category', 'penalty', '--out', join(folder, 'no-such-dir', 'x.csv')], /目录不存在/],
    ]);
    // --json: still exactly one JSON object on stdout.
    const json = await cli(['search', '--json', '--db', db(), '--as', CLERK], { CREDIT_DESK_PASSWORD: CLERK_PASSWORD });
    expect(json.code).toBe(2);
    expect(onlyJson<{ error: { code: string } }>(json).error.code).toBe('USAGE');
  });

  it('demo: a bad record count, a login taken by a demo user, no --admin', async () => {
    const env = { CREDIT_DESK_PASSWORD: 'boss-pass-1' };
    await expectUsage(
      [
        [['demo', '--db', file('d.db'), '--admin', 'boss', '--records', 'abc'], /--records 应为 0 到/],
        [['demo', '--db', file('d.db'), '--admin', 'clerk'], /已留给演示用户/],
        [['demo', '--db', file('d.db')], /缺少必需的选项 --admin/],
      ],
      env,
      false,
    );
  });
});
