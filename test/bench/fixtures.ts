/**
 * Benchmark fixtures: a 行政处罚 (administrative penalty) workbook as departments keep
 * them — 17 columns of realistic Chinese text, codes, amounts and dates. Deterministic
 * (seeded), written with exceljs's streaming writer so 100k+ rows stay cheap in memory.
 */
import { mkdirSync, existsSync, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ExcelJS from 'exceljs';
import { orgCodeCheckChar, usccCheckChar } from '../../electron/core/identifiers/uscc';

export const PENALTY_COLUMNS = [
  'CF_XDR_MC',
  'CF_XDR_LB',
  'CF_XDR_SHXYM',
  'CF_FRDB',
  'CF_WSH',
  'CF_WFXW',
  'CF_SY',
  'CF_YJ',
  'CF_CFLB',
  'CF_NR',
  'CF_NR_FK',
  'CF_JDRQ',
  'CF_YXQ',
  'CF_CFJG',
  'CF_CFJGDM',
  'CF_SJLY',
  'CF_SJLYDM',
] as const;

/** Small deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CITIES = ['石家庄市', '唐山市', '保定市', '邯郸市', '廊坊市', '沧州市', '衡水市', '邢台市'];
const DISTRICTS = ['栾城区', '长安区', '桥西区', '新华区', '裕华区', '藁城区', '鹿泉区', '正定县'];
const TRADES = ['商贸', '食品', '建材', '餐饮管理', '医药连锁', '物流', '电子科技', '农业开发', '汽车销售', '物业服务'];
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞'];
const VIOLATIONS = [
  '销售不符合食品安全标准的食品',
  '未按规定公示营业执照',
  '使用未经检定的计量器具',
  '发布虚假违法广告',
  '经营超过保质期的食品',
  '无证经营药品',
  '未按规定建立进货查验记录制度',
  '违反产品质量法规定生产不合格产品',
];
const BASES = [
  '《中华人民共和国食品安全法》第一百二十四条第一款',
  '《中华人民共和国广告法》第五十五条',
  '《中华人民共和国计量法实施细则》第四十三条',
  '《中华人民共和国药品管理法》第一百一十五条',
  '《中华人民共和国产品质量法》第四十九条',
  '《市场主体登记管理条例》第四十六条',
];
const KINDS = ['警告', '罚款', '警告;罚款', '罚款;没收违法所得、没收非法财物', '责令停产停业', '暂扣或者吊销许可证、暂扣或者吊销执照'];
const AGENCIES = ['市场监督管理局', '生态环境局', '应急管理局', '城市管理综合行政执法局', '交通运输局'];

function uscc(i: number): string {
  const org8 = String(10_000_000 + ((i * 7919) % 89_999_999)).slice(-8);
  const first17 = '91130111' + org8 + orgCodeCheckChar(org8);
  return first17 + usccCheckChar(first17);
}

function agencyCode(i: number): string {
  const org8 = String(11_000_000 + i * 13).slice(-8);
  const first17 = '11130100' + org8 + orgCodeCheckChar(org8);
  return first17 + usccCheckChar(first17);
}

/** One row in template column order: strings, a number (fine, 万元) and two date serials. */
export function penaltyRow(i: number, rand: () => number = prng(i + 1)): (string | number | null)[] {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const city = pick(CITIES);
  const district = pick(DISTRICTS);
  // Organisations only: the 17 template columns have no 证件类型/证件号码, which a 自然人 needs.
  rand();
  const person = false;
  const name = person ? pick([...SURNAMES]) + pick(GIVEN) : `${city}${district}${pick(['永', '华', '鑫', '恒', '盛', '泰', '德', '利'])}${pick(['昌', '达', '源', '丰', '通', '安'])}${pick(TRADES)}有限公司`;
  const agencyIdx = Math.floor(rand() * AGENCIES.length);
  const agency = `${city}${district}${AGENCIES[agencyIdx]}`;
  const violation = pick(VIOLATIONS);
  const kind = pick(KINDS);
  const fine = kind.includes('罚款') ? Math.round(rand() * 500) / 100 : null;
  const decided = 45292 + Math.floor(rand() * 700); // 2024-01-01 … late 2025
  const shortAgency = AGENCIES[agencyIdx].slice(0, 2);
  return [
    name,
    person ? '自然人' : '法人及非法人组织',
    person ? '' : uscc(i),
    person ? '' : pick([...SURNAMES]) + pick(GIVEN),
    `${district.slice(0, 2)}${shortAgency}罚〔${2024 + (decided > 45657 ? 1 : 0)}〕${1000 + i}号`,
    violation,
    `经查，当事人于${2024 + (i % 2)}年${1 + (i % 12)}月${1 + (i % 28)}日${violation}，` + `涉案货值${(rand() * 10_000).toFixed(2)}元，违法所得${(rand() * 2_000).toFixed(2)}元。执法人员现场检查时发现上述情况并依法立案调查。`,
    pick(BASES),
    kind,
    fine === null ? '不予罚款' : `罚款人民币${Math.round(fine * 10_000)}元`,
    fine,
    decided,
    decided + 365 * (1 + Math.floor(rand() * 3)),
    agency,
    agencyCode(agencyIdx * 100 + CITIES.indexOf(city)),
    agency,
    agencyCode(agencyIdx * 100 + CITIES.indexOf(city)),
  ];
}

export interface PenaltyWorkbookOptions {
  /** Shared strings (as Excel and WPS write) instead of exceljs's per-cell `t="str"`. */
  sharedStrings?: boolean;
}

/** Writes a 行政处罚 workbook with a header row and `rows` data rows. */
export async function generatePenaltyWorkbook(path: string, rows: number, options: PenaltyWorkbookOptions = {}): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: tmp, useSharedStrings: options.sharedStrings ?? false, useStyles: true });
  const ws = wb.addWorksheet('行政处罚');
  ws.columns = PENALTY_COLUMNS.map((c) => ({ key: c, width: 18 }));
  ws.getColumn(12).numFmt = 'yyyy-mm-dd';
  ws.getColumn(13).numFmt = 'yyyy-mm-dd';
  ws.addRow([...PENALTY_COLUMNS]).commit();
  const rand = prng(20251126);
  for (let i = 0; i < rows; i++) {
    const values = penaltyRow(i, rand);
    const row = ws.getRow(i + 2);
    for (let c = 0; c < values.length; c++) {
      const v = values[c];
      if (v !== null && v !== '') row.getCell(c + 1).value = v;
    }
    row.commit();
    if (i % 2000 === 1999) await new Promise((r) => setImmediate(r));
  }
  ws.commit();
  await wb.commit();
  renameSync(tmp, path);
}

/** A cached fixture path (generated on first use). */
export async function penaltyWorkbook(rows: number, options: PenaltyWorkbookOptions = {}): Promise<string> {
  const path = join(tmpdir(), 'credit-desk-bench', `penalty-${rows}${options.sharedStrings ? '-sst' : ''}-v1.xlsx`);
  if (!existsSync(path) || statSync(path).size === 0) await generatePenaltyWorkbook(path, rows, options);
  return path;
}

// ---------------------------------------------------------------------------------------
// The same rows in two template generations (issue 14): today's template and the 2016 双公示 standard

/** The 2016 双公示 layout of 行政处罚 (domain.md §2b). */
export const PENALTY_2016_COLUMNS = [
  'CF_WSH',
  'CF_CFMC',
  'CF_CFLB1',
  'CF_CFLB2',
  'CF_SY',
  'CF_YJ',
  'CF_XDR_MC',
  'CF_XDR_SHXYM',
  'CF_XDR_ZDM',
  'CF_XDR_GSDJ',
  'CF_XDR_SWDJ',
  'CF_XDR_SFZ',
  'CF_FR',
  'CF_JG',
  'CF_JDRQ',
  'CF_XZJG',
  'CF_ZT',
  'DFBM',
  'SJC',
  'BZ',
] as const;

/** Today's 处罚类别 of the fixture rows → the older numeric codes (处罚类别1, 处罚类别2). */
const OLD_KIND_CODES: Record<string, [string, string | null]> = {
  警告: ['1', null],
  罚款: ['2', null],
  '警告;罚款': ['1', '2'],
  '罚款;没收违法所得、没收非法财物': ['2', '3'],
  责令停产停业: ['4', null],
  '暂扣或者吊销许可证、暂扣或者吊销执照': ['5', null],
};

/**
 * One fixture row in both layouts, decided by `department` (so that the 2016 rows, which
 * have no authority code, get the department's by rule): today's 17 columns, and the
 * 2016 standard's 20 (old kind codes, the fine only in 处罚结果, no 类别, no 有效期).
 */
export function penaltyRowBothLayouts(i: number, rand: () => number, department: { name: string; uscc: string }): { current: (string | number | null)[]; layout2016: (string | number | null)[] } {
  const row = penaltyRow(i, rand);
  const at = (code: (typeof PENALTY_COLUMNS)[number]) => row[PENALTY_COLUMNS.indexOf(code)];
  for (const [name, code] of [['CF_CFJG', 'CF_CFJGDM'], ['CF_SJLY', 'CF_SJLYDM']] as const) {
    row[PENALTY_COLUMNS.indexOf(name)] = department.name;
    row[PENALTY_COLUMNS.indexOf(code)] = department.uscc;
  }
  const [kind1, kind2] = OLD_KIND_CODES[String(at('CF_CFLB'))];
  const uscc = String(at('CF_XDR_SHXYM'));
  const layout2016: (string | number | null)[] = [
    at('CF_WSH'),
    at('CF_WFXW'),
    kind1,
    kind2,
    at('CF_SY'),
    at('CF_YJ'),
    at('CF_XDR_MC'),
    uscc,
    `${uscc.slice(8, 16)}-${uscc[16]}`,
    null,
    null,
    null,
    at('CF_FRDB'),
    at('CF_NR'),
    at('CF_JDRQ'),
    department.name,
    '1',
    '130111',
    '2025-12-31 18:00:00',
    null,
  ];
  return { current: row, layout2016 };
}

async function writeRows(path: string, header: readonly string[], rows: Iterable<(string | number | null)[]>): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: tmp, useSharedStrings: false, useStyles: true });
  const ws = wb.addWorksheet('行政处罚');
  ws.addRow([...header]).commit();
  let n = 0;
  for (const values of rows) {
    const row = ws.getRow(++n + 1);
    for (let c = 0; c < values.length; c++) {
      const v = values[c];
      if (v !== null && v !== '') row.getCell(c + 1).value = v;
    }
    row.commit();
    if (n % 2000 === 0) await new Promise((r) => setImmediate(r));
  }
  ws.commit();
  await wb.commit();
  renameSync(tmp, path);
}

/** The same `rows` rows written twice: in today's template and in the 2016 双公示 layout. */
export async function generateGenerationPair(currentPath: string, path2016: string, rows: number, department: { name: string; uscc: string }): Promise<void> {
  const both = function* (pick: 'current' | 'layout2016') {
    const rand = prng(20261202);
    for (let i = 0; i < rows; i++) yield penaltyRowBothLayouts(i, rand, department)[pick];
  };
  await writeRows(currentPath, PENALTY_COLUMNS, both('current'));
  await writeRows(path2016, PENALTY_2016_COLUMNS, both('layout2016'));
}
