/**
 * Workbooks of the older template generations (domain.md §2b, issue 14), written
 * from their field lists: the 2016 双公示 standard for 行政处罚 and 行政许可, and a
 * 2019–2021 system's export. Each file mixes valid rows and rows the import must
 * refuse, and comes as .xlsx (exceljs) or .xls (BIFF8, SheetJS's writer).
 */
import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import { orgCodeCheckChar, usccCheckChar } from '../../electron/core/identifiers/uscc';
import { DEPARTMENT } from '../helpers';

export type Format = 'xlsx' | 'xls';

/** A valid 统一社会信用代码 with the given first two characters (`91` organisation, `92` 个体工商户). */
export function uscc(prefix: string, serial: number): string {
  const org8 = String(30_000_000 + serial * 7);
  const first17 = `${prefix}130111${org8}${orgCodeCheckChar(org8)}`;
  return first17 + usccCheckChar(first17);
}

export const PERSON_ID = '11010519491231002X';
export const OTHER_AUTHORITY = '正定县市场监督管理局';

// ---------------------------------------------------------------------------------------
// 行政处罚, 2016 standard (field codes as the header row)

export const PENALTY_2016_CODES = [
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

/** The same columns by their 2016 labels. */
export const PENALTY_2016_LABELS = [
  '行政处罚决定书文号',
  '处罚名称',
  '处罚类别1',
  '处罚类别2',
  '处罚事由',
  '处罚依据',
  '行政相对人名称',
  '行政相对人代码_1(统一社会信用代码)',
  '行政相对人代码_2(组织机构代码)',
  '行政相对人代码_3(工商登记码)',
  '行政相对人代码_4(税务登记号)',
  '行政相对人代码_5(居民身份证号)',
  '法定代表人姓名',
  '处罚结果',
  '处罚决定日期',
  '处罚机关',
  '当前状态',
  '地方编码',
  '数据更新时间戳',
  '备注',
];

type Row2016 = Partial<Record<(typeof PENALTY_2016_CODES)[number], unknown>>;

export function penaltyRow2016(values: Row2016, authority = DEPARTMENT.name): unknown[] {
  const base: Row2016 = {
    CF_CFMC: '对销售过期食品的处罚',
    CF_SY: '经查，当事人销售超过保质期的食品。',
    CF_YJ: '《中华人民共和国食品安全法》第一百二十四条',
    CF_XDR_MC: '石家庄市栾城区恒瑞商贸有限公司',
    CF_FR: '张三',
    CF_JDRQ: '2025/11/03',
    CF_XZJG: authority,
    CF_ZT: '1',
    DFBM: '130111',
    SJC: '2025-11-04 09:30:00',
  };
  const row = { ...base, ...values };
  return PENALTY_2016_CODES.map((c) => row[c] ?? null);
}

/**
 * Rows 2–9 of a 2016 行政处罚 file. Valid: 2, 3, 4, 8 (and 9 as history only).
 * Refused: 5 (authority not the department: no code to default), 6 (罚款 with no
 * amount in 处罚结果), 7 (no code to infer the subject type from), 9 (当前状态 无效,
 * as new records).
 */
export function penalty2016Rows(authority = DEPARTMENT.name): unknown[][] {
  const penalty2016 = (values: Row2016) => penaltyRow2016(values, authority);
  return [
    // 2: organisation, old code 2 (罚款), the amount in the result text
    penalty2016({ CF_WSH: '栾市监罚〔2025〕101号', CF_CFLB1: '2', CF_XDR_SHXYM: uscc('91', 1), CF_XDR_ZDM: '30000007-1', CF_XDR_GSDJ: '130111000012345', CF_JG: '罚款人民币5000元' }),
    // 3: 个体工商户 by its 92 code, 警告
    penalty2016({ CF_WSH: '栾市监罚〔2025〕102号', CF_CFLB1: '1', CF_XDR_MC: '栾城区李四便利店', CF_XDR_SHXYM: uscc('92', 2), CF_FR: '李四', CF_JG: '警告' }),
    // 4: a person by the ID number, two kinds (罚款 and 没收), the amount in capital numerals
    penalty2016({
      CF_WSH: '栾市监罚〔2025〕103号',
      CF_CFLB1: '2',
      CF_CFLB2: '3',
      CF_XDR_MC: '王五',
      CF_XDR_SFZ: PERSON_ID,
      CF_FR: null,
      CF_JG: '罚款人民币贰万元，没收违法所得',
    }),
    // 5: the authority is another unit: its code cannot be assumed
    penalty2016({ CF_WSH: '栾市监罚〔2025〕104号', CF_CFLB1: '1', CF_XDR_SHXYM: uscc('91', 4), CF_JG: '警告', CF_XZJG: OTHER_AUTHORITY }),
    // 6: 罚款 without a readable amount
    penalty2016({ CF_WSH: '栾市监罚〔2025〕105号', CF_CFLB1: '2', CF_XDR_SHXYM: uscc('91', 5), CF_JG: '罚款若干' }),
    // 7: no code at all: the subject type cannot be inferred
    penalty2016({ CF_WSH: '栾市监罚〔2025〕106号', CF_CFLB1: '1', CF_XDR_MC: '某某经营部', CF_JG: '警告' }),
    // 8: decided in 2019: its publication (警告, 轻微: at most 3 months) ended long ago
    penalty2016({ CF_WSH: '栾市监罚〔2019〕8号', CF_CFLB1: '1', CF_XDR_SHXYM: uscc('91', 8), CF_JG: '警告', CF_JDRQ: '2019/05/06' }),
    // 9: 当前状态 2 (无效): withdrawn on the platform
    penalty2016({ CF_WSH: '栾市监罚〔2024〕9号', CF_CFLB1: '1', CF_XDR_SHXYM: uscc('91', 9), CF_JG: '警告', CF_JDRQ: '2024/06/03', CF_ZT: '2' }),
  ];
}

// ---------------------------------------------------------------------------------------
// 行政许可, 2016 standard (labels as the header row)

export const LICENSE_2016_LABELS = [
  '行政许可决定书文号',
  '项目名称',
  '审批类别',
  '许可内容',
  '行政相对人名称',
  '行政相对人代码_1(统一社会信用代码)',
  '行政相对人代码_2(组织机构代码)',
  '行政相对人代码_3(工商登记码)',
  '行政相对人代码_4(税务登记号)',
  '行政相对人代码_5(居民身份证号)',
  '法定代表人姓名',
  '许可决定日期',
  '许可截止期',
  '许可机关',
  '当前状态',
  '地方编码',
  '数据更新时间戳',
  '备注',
];

export function licenseRow2016(v: Partial<Record<string, unknown>>, authority = DEPARTMENT.name): unknown[] {
  const row: Record<string, unknown> = {
    项目名称: '食品经营许可',
    审批类别: '普通',
    许可内容: '预包装食品销售',
    行政相对人名称: '石家庄市栾城区恒瑞商贸有限公司',
    法定代表人姓名: '张三',
    许可决定日期: '2025/03/02',
    许可截止期: '2030/03/01',
    许可机关: authority,
    当前状态: '有效',
    地方编码: '130111',
    ...v,
  };
  return LICENSE_2016_LABELS.map((l) => row[l] ?? null);
}

/** Rows 2–6: valid 2, 3, 4 (4 is 无效: withdrawn as history); refused 5 (ends before it starts), 6 (其他 without the kind). */
export function license2016Rows(authority = DEPARTMENT.name): unknown[][] {
  const license2016 = (v: Partial<Record<string, unknown>>) => licenseRow2016(v, authority);
  return [
    license2016({ 行政许可决定书文号: '栾市监许〔2025〕1号', '行政相对人代码_1(统一社会信用代码)': uscc('91', 21) }),
    license2016({ 行政许可决定书文号: '栾市监许〔2025〕2号', 行政相对人名称: '赵六', '行政相对人代码_5(居民身份证号)': PERSON_ID, 法定代表人姓名: null }),
    license2016({ 行政许可决定书文号: '栾市监许〔2024〕3号', '行政相对人代码_1(统一社会信用代码)': uscc('92', 23), 当前状态: '2' }),
    license2016({ 行政许可决定书文号: '栾市监许〔2025〕4号', '行政相对人代码_1(统一社会信用代码)': uscc('91', 24), 许可截止期: '2024/01/01' }),
    license2016({ 行政许可决定书文号: '栾市监许〔2025〕5号', '行政相对人代码_1(统一社会信用代码)': uscc('91', 25), 审批类别: '其他' }),
  ];
}

// ---------------------------------------------------------------------------------------
// 行政处罚 exported by a 2019–2021 system: today's fields, numbered code labels, extra columns

export const PENALTY_2019_HEADER = [
  '序号',
  '行政相对人名称',
  '行政相对人代码_1（统一社会信用代码）',
  '行政相对人代码_2（工商注册号）',
  '行政相对人代码_3（组织机构代码）',
  '行政相对人代码_4（税务登记号）',
  '行政相对人代码_5（事业单位证书号）',
  '行政相对人代码_6（社会组织登记证号）',
  '法定代表人',
  '法定代表人身份证号',
  '行政处罚决定书文号',
  '违法行为类型',
  '违法事实',
  '处罚依据',
  '处罚类别',
  '处罚内容',
  '罚款金额（万元）',
  '处罚决定日期',
  '处罚有效期',
  '处罚机关',
  '处罚机关统一社会信用代码',
  '数据来源单位',
  '数据来源单位统一社会信用代码',
  '数据导出时间',
];

export function penalty2019(n: number, v: Partial<Record<string, unknown>> = {}): unknown[] {
  const row: Record<string, unknown> = {
    序号: n,
    行政相对人名称: `石家庄市栾城区第${n}商贸有限公司`,
    '行政相对人代码_1（统一社会信用代码）': uscc('91', 40 + n),
    法定代表人: '孙七',
    法定代表人身份证号: PERSON_ID,
    行政处罚决定书文号: `栾市监罚〔2021〕${n}号`,
    违法行为类型: '未按规定公示营业执照',
    违法事实: '经查，当事人未在经营场所公示营业执照。',
    处罚依据: '《市场主体登记管理条例》第四十八条',
    处罚类别: '罚款',
    处罚内容: '罚款人民币3000元',
    '罚款金额（万元）': '0.3',
    处罚决定日期: '2021-06-01',
    处罚有效期: '2022-06-01',
    处罚机关: '石家庄市栾城区市场监督管理局',
    处罚机关统一社会信用代码: '913502000728319549',
    数据来源单位: '石家庄市栾城区市场监督管理局',
    数据来源单位统一社会信用代码: '913502000728319549',
    数据导出时间: '2021-07-01 10:00:00',
    ...v,
  };
  return PENALTY_2019_HEADER.map((h) => row[h] ?? null);
}

// ---------------------------------------------------------------------------------------
// Files

export async function xlsxBytes(header: readonly unknown[], rows: unknown[][], titleRows: unknown[][] = []): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.created = wb.modified = new Date('2026-01-01T00:00:00Z');
  const ws = wb.addWorksheet('数据');
  for (const t of titleRows) ws.addRow(t);
  ws.addRow([...header]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A real BIFF8 .xls (SheetJS's writer), the first sheet holding the rows. */
export function xlsBytes(header: readonly unknown[], rows: unknown[][], titleRows: unknown[][] = []): Buffer {
  const ws = XLSX.utils.aoa_to_sheet([...titleRows, [...header], ...rows]);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '数据');
  return XLSX.write(wb, { type: 'buffer', bookType: 'biff8' }) as Buffer;
}

export async function fileBytes(format: Format, header: readonly unknown[], rows: unknown[][], titleRows: unknown[][] = []): Promise<Buffer> {
  return format === 'xls' ? xlsBytes(header, rows, titleRows) : xlsxBytes(header, rows, titleRows);
}
