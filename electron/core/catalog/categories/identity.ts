/**
 * The identity block shared by every category (domain.md §2, 行政许可 fields):
 * 行政相对人名称 · 类别 · 统一社会信用代码 · five older registration numbers ·
 * 法定代表人 and their ID · the natural person's ID. Each category prefixes the
 * codes with its own prefix (`XK_XDR_MC`, `CF_XDR_MC`, `HMD_XDR_MC` …).
 */
import type { CrossFieldRule, FieldDefinition, PersonFields, SubjectFields } from '../types';

/** Maximum lengths chosen by this product (generous; domain.md gives none). Data: change here. */
export const LEN = {
  name: 200,
  person: 100,
  regNo: 50,
  idNumber: 64,
  docNo: 128,
  shortText: 200,
  longText: 4000,
  remark: 512,
  codeDetail: 100,
} as const;

export function identityFields(p: string): FieldDefinition[] {
  return [
    {
      code: `${p}_XDR_MC`,
      label: '行政相对人名称',
      labelEn: 'Subject name',
      type: { kind: 'text' },
      required: 'always',
      maxLength: LEN.name,
      headerAliases: ['主体名称', '相对人名称'],
    },
    {
      code: `${p}_XDR_LB`,
      label: '行政相对人类别',
      labelEn: 'Subject type',
      type: { kind: 'code', codeList: 'subject-type' },
      required: 'always',
      help: '法人及非法人组织、自然人或个体工商户；统一社会信用代码以92开头的须选个体工商户',
    },
    {
      code: `${p}_XDR_SHXYM`,
      label: '统一社会信用代码',
      labelEn: 'Unified social credit code',
      type: { kind: 'uscc' },
      required: { when: { subjectType: '法人及非法人组织' } },
      maxLength: 18,
      help: '法人及非法人组织必填；个体工商户有代码的须填写；自然人不填',
    },
    { code: `${p}_XDR_GSZC`, label: '工商注册号', labelEn: 'Business registration number', type: { kind: 'text' }, required: 'never', maxLength: LEN.regNo },
    { code: `${p}_XDR_ZZJG`, label: '组织机构代码', labelEn: 'Organisation code', type: { kind: 'text' }, required: 'never', maxLength: LEN.regNo },
    { code: `${p}_XDR_SWDJ`, label: '税务登记号', labelEn: 'Tax registration number', type: { kind: 'text' }, required: 'never', maxLength: LEN.regNo },
    { code: `${p}_XDR_SYDW`, label: '事业单位证书号', labelEn: 'Public institution certificate number', type: { kind: 'text' }, required: 'never', maxLength: LEN.regNo },
    { code: `${p}_XDR_SHZZ`, label: '社会组织登记证号', labelEn: 'Social organisation registration number', type: { kind: 'text' }, required: 'never', maxLength: LEN.regNo },
    { code: `${p}_FRDB`, label: '法定代表人', labelEn: 'Legal representative', type: { kind: 'text' }, required: 'never', maxLength: LEN.person },
    {
      code: `${p}_FR_ZJLX`,
      label: '法定代表人证件类型',
      labelEn: "Legal representative's ID type",
      type: { kind: 'code', codeList: 'id-type' },
      required: { when: { field: `${p}_FR_ZJHM`, filled: true } },
      maxLength: LEN.codeDetail,
    },
    {
      code: `${p}_FR_ZJHM`,
      label: '法定代表人证件号码',
      labelEn: "Legal representative's ID number",
      type: { kind: 'idnumber', idTypeField: `${p}_FR_ZJLX` },
      required: { when: { field: `${p}_FR_ZJLX`, filled: true } },
      maxLength: LEN.idNumber,
      personal: true,
    },
    {
      code: `${p}_XDR_ZJLX`,
      label: '证件类型',
      labelEn: 'ID type',
      type: { kind: 'code', codeList: 'id-type' },
      required: { when: { any: [{ subjectType: '自然人' }, { field: `${p}_XDR_ZJHM`, filled: true }] } },
      maxLength: LEN.codeDetail,
      help: '自然人必填',
    },
    {
      code: `${p}_XDR_ZJHM`,
      label: '证件号码',
      labelEn: 'ID number',
      type: { kind: 'idnumber', idTypeField: `${p}_XDR_ZJLX` },
      required: { when: { any: [{ subjectType: '自然人' }, { field: `${p}_XDR_ZJLX`, filled: true }] } },
      maxLength: LEN.idNumber,
      personal: true,
      help: '自然人必填；证件类型为身份证时按 GB 11643 校验',
    },
  ];
}

export function identityRules(p: string): CrossFieldRule[] {
  return [
    // domain.md §1: a code beginning 92 must be filed as 个体工商户 (platforms reject it otherwise).
    { kind: 'uscc-prefix-subject-type', usccField: `${p}_XDR_SHXYM`, prefix: '92', subjectType: '个体工商户', converse: 'warning' },
    {
      kind: 'one-of',
      fields: [`${p}_XDR_SHXYM`, `${p}_XDR_ZJHM`],
      when: { subjectType: '个体工商户' },
      severity: 'warning',
      message: '个体工商户应填写统一社会信用代码；没有代码的，请填写经营者的证件类型和证件号码',
    },
  ];
}

export function subjectFields(p: string): SubjectFields {
  return { name: `${p}_XDR_MC`, type: `${p}_XDR_LB`, uscc: `${p}_XDR_SHXYM`, idType: `${p}_XDR_ZJLX`, idNumber: `${p}_XDR_ZJHM` };
}

export function legalRepresentativeFields(p: string): PersonFields {
  return { name: `${p}_FRDB`, idType: `${p}_FR_ZJLX`, idNumber: `${p}_FR_ZJHM` };
}

export const REMARK_FIELD: FieldDefinition = {
  code: 'BZ',
  label: '备注',
  labelEn: 'Remarks',
  type: { kind: 'text' },
  required: 'never',
  maxLength: LEN.remark,
};

/** 数据来源单位 and its code (every category reports where the data came from). */
export function sourceFields(code: string, label: string, required: boolean): FieldDefinition[] {
  return [
    { code, label, labelEn: 'Data source unit', type: { kind: 'text' }, required: required ? 'always' : 'never', maxLength: LEN.name, prefill: 'department-name' },
    {
      code: `${code}DM`,
      label: `${label}统一社会信用代码`,
      labelEn: 'Data source unit credit code',
      type: { kind: 'uscc' },
      required: 'always',
      maxLength: 18,
      prefill: 'department-uscc',
    },
  ];
}
