/**
 * Columns and rules every layout shares, and the identity columns the older
 * layouts name 行政相对人代码_1 … _6 (domain.md §2b). Built per category prefix
 * (`CF`, `XK`), like categories/identity.ts.
 */
import type { FillRule, GenerationColumn } from './types';

/** Row-number columns some systems add: recognised in every layout and left out. */
export const ROW_NUMBER_COLUMNS: GenerationColumn[] = [
  { label: '序号', aliases: ['行号', '序列号', 'No.', 'NO'], to: { ignore: '行号列，不是记录内容' } },
];

/**
 * The rules of every layout, today's included: a row without a value gets one only
 * where domain.md (or the department itself) says what it must be.
 */
export function sharedRules(p: string, authority: { name: string; code: string }, unit: { name: string; code: string }): FillRule[] {
  return [
    { id: 'subject-type', kind: 'subject-type' },
    { id: 'authority-code', kind: 'department-code', nameField: authority.name, codeField: authority.code },
    { id: 'source-unit', kind: 'department-unit', nameField: unit.name, codeField: unit.code, authorityField: authority.name },
    ...(p === 'CF' ? [{ id: 'penalty-kind-code', kind: 'legacy-codes', field: 'CF_CFLB' } as const] : []),
  ];
}

/** The 2016 standard's identity columns: codes _1 … _5, the fifth a 居民身份证号 (domain.md §2b). */
export function identity2016(p: string): GenerationColumn[] {
  return [
    { code: `${p}_XDR_MC`, label: '行政相对人名称', to: { field: `${p}_XDR_MC` } },
    { code: `${p}_XDR_SHXYM`, label: '行政相对人代码_1(统一社会信用代码)', to: { field: `${p}_XDR_SHXYM` } },
    { code: `${p}_XDR_ZDM`, label: '行政相对人代码_2(组织机构代码)', to: { field: `${p}_XDR_ZZJG` } },
    { code: `${p}_XDR_GSDJ`, label: '行政相对人代码_3(工商登记码)', aliases: ['工商登记码'], to: { field: `${p}_XDR_GSZC` } },
    { code: `${p}_XDR_SWDJ`, label: '行政相对人代码_4(税务登记号)', to: { field: `${p}_XDR_SWDJ` } },
    {
      code: `${p}_XDR_SFZ`,
      label: '行政相对人代码_5(居民身份证号)',
      aliases: ['居民身份证号', '身份证号'],
      to: { field: `${p}_XDR_ZJHM`, idTypeField: `${p}_XDR_ZJLX`, idType: '身份证' },
    },
    { code: `${p}_FR`, label: '法定代表人姓名', to: { field: `${p}_FRDB` } },
    { code: 'DFBM', label: '地方编码', to: { ignore: '现行标准没有此项' } },
    { code: 'SJC', label: '数据更新时间戳', to: { ignore: '现行标准没有此项；本系统自行记录每个版本的时间' } },
  ];
}

/** Exports of the 2019–2021 systems: today's fields under numbered code labels, _1 … _6 (domain.md §2b). */
export function identity2019(p: string): GenerationColumn[] {
  return [
    { label: '行政相对人代码_1(统一社会信用代码)', to: { field: `${p}_XDR_SHXYM` } },
    { label: '行政相对人代码_2(工商注册号)', to: { field: `${p}_XDR_GSZC` } },
    { label: '行政相对人代码_3(组织机构代码)', to: { field: `${p}_XDR_ZZJG` } },
    { label: '行政相对人代码_4(税务登记号)', to: { field: `${p}_XDR_SWDJ` } },
    { label: '行政相对人代码_5(事业单位证书号)', to: { field: `${p}_XDR_SYDW` } },
    { label: '行政相对人代码_6(社会组织登记证号)', to: { field: `${p}_XDR_SHZZ` } },
    { label: '法定代表人身份证号', to: { field: `${p}_FR_ZJHM`, idTypeField: `${p}_FR_ZJLX`, idType: '身份证' } },
    { label: '数据导出时间', aliases: ['导出时间'], to: { ignore: '导出系统附加的列，不是记录内容' } },
  ];
}
