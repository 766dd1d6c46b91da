/**
 * The catalogue as data: the five shipped definitions, their field codes and
 * order, registration checks, and a new category added by definition alone.
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  CatalogDefinitionError,
  getCategory,
  getCodeList,
  hasCategory,
  identityFields,
  identityRules,
  legalRepresentativeFields,
  listCategories,
  registerCategory,
  REMARK_FIELD,
  subjectFields,
  unregisterCategory,
  validateRecord,
  type CategoryDefinition,
} from '../../electron/core/catalog';
import { BUILT_IN_CATEGORIES } from '../../electron/core/catalog/categories/built-in';
import { BUILT_IN_CODE_LISTS } from '../../electron/core/catalog/code-lists';
import { PENALTY_RULES_2026, ruleTableSchema } from '../../electron/core/catalog/publication-rules';
import { categorySchema, codeListSchema } from '../../electron/core/catalog/registry';
import { ID_VALID, TODAY, USCC_PILOT } from './fixtures';

describe('shipped categories', () => {
  it('are registered with the keys of issue 3', () => {
    expect(listCategories().map((c) => [c.key, c.name])).toEqual([
      ['license', '行政许可'],
      ['penalty', '行政处罚'],
      ['redlist', '守信激励名单'],
      ['blacklist', '严重失信主体名单'],
      ['commitment', '信用承诺'],
    ]);
  });

  it('行政许可 has exactly the XK_* fields of domain.md §2, in order', () => {
    expect(getCategory('license').fields.map((f) => `${f.code} ${f.label}`)).toEqual([
      'XK_XDR_MC 行政相对人名称',
      'XK_XDR_LB 行政相对人类别',
      'XK_XDR_SHXYM 统一社会信用代码',
      'XK_XDR_GSZC 工商注册号',
      'XK_XDR_ZZJG 组织机构代码',
      'XK_XDR_SWDJ 税务登记号',
      'XK_XDR_SYDW 事业单位证书号',
      'XK_XDR_SHZZ 社会组织登记证号',
      'XK_FRDB 法定代表人',
      'XK_FR_ZJLX 法定代表人证件类型',
      'XK_FR_ZJHM 法定代表人证件号码',
      'XK_XDR_ZJLX 证件类型',
      'XK_XDR_ZJHM 证件号码',
      'XK_XKWS 行政许可决定文书名称',
      'XK_WSH 行政许可决定文书号',
      'XK_XKLB 许可类别',
      'XK_XKZS 许可证书名称',
      'XK_XKBH 许可编号',
      'XK_NR 许可内容',
      'XK_JDRQ 许可决定日期',
      'XK_YXQZ 有效期自',
      'XK_YXQZI 有效期至',
      'XK_XKJG 许可机关',
      'XK_XKJGDM 许可机关统一社会信用代码',
      'XK_ZT 当前状态',
      'XK_LYDW 数据来源单位',
      'XK_LYDWDM 数据来源单位统一社会信用代码',
      'BZ 备注',
    ]);
  });

  it('行政处罚 has the CF_* fields of domain.md §2, in order, after the identity block', () => {
    const codes = getCategory('penalty').fields.map((f) => f.code);
    expect(codes.slice(0, 13)).toEqual(getCategory('license').fields.slice(0, 13).map((f) => f.code.replace(/^XK_/, 'CF_')));
    expect(codes.slice(13)).toEqual([
      'CF_WSH', 'CF_WFXW', 'CF_SY', 'CF_YJ', 'CF_CFLB', 'CF_NR', 'CF_NR_FK', 'CF_NR_WFFF', 'CF_NR_ZKDX',
      'CF_JDRQ', 'CF_YXQ', 'CF_GSJZQ', 'CF_CFJG', 'CF_CFJGDM', 'CF_SJLY', 'CF_SJLYDM', 'BZ',
    ]);
    const fk = getCategory('penalty').fields.find((f) => f.code === 'CF_NR_FK')!;
    expect(fk.type).toEqual({ kind: 'decimal', places: 6, unit: '万元' });
    expect(getCategory('penalty').fields.find((f) => f.code === 'CF_CFLB')!.type.kind).toBe('multi-code');
  });

  it('the lists and commitments share the identity block under their own prefix', () => {
    for (const [key, prefix] of [['redlist', 'HMD'], ['blacklist', 'SXMD'], ['commitment', 'CN']] as const) {
      const def = getCategory(key);
      expect(def.fields.slice(0, 13).map((f) => f.label)).toEqual(getCategory('license').fields.slice(0, 13).map((f) => f.label));
      for (const f of def.fields) if (f.code !== 'BZ') expect(f.code.startsWith(prefix + '_'), f.code).toBe(true);
      expect(def.subject).toEqual(subjectFields(prefix));
    }
  });

  it('name the decision number, decision date and subject fields used for duplicates', () => {
    const picked = listCategories().map((c) => [c.key, c.decisionNumberField, c.decisionDateField]);
    expect(picked).toEqual([
      ['license', 'XK_WSH', 'XK_JDRQ'],
      ['penalty', 'CF_WSH', 'CF_JDRQ'],
      ['redlist', 'HMD_RDWH', 'HMD_LRRQ'],
      ['blacklist', 'SXMD_RDWH', 'SXMD_LRRQ'],
      ['commitment', 'CN_CNBH', 'CN_CNRQ'],
    ]);
    expect(getCategory('penalty').subject).toEqual({ name: 'CF_XDR_MC', type: 'CF_XDR_LB', uscc: 'CF_XDR_SHXYM', idType: 'CF_XDR_ZJLX', idNumber: 'CF_XDR_ZJHM' });
    expect(getCategory('penalty').publication).toMatchObject({ ruleTable: 'penalty-publication', kindsField: 'CF_CFLB', fineField: 'CF_NR_FK' });
  });

  it('definitions are plain data: they survive JSON (labels, code lists, rules) for the form', () => {
    for (const def of listCategories()) expect(JSON.parse(JSON.stringify(def))).toEqual(def);
    const def = getCategory('penalty');
    const copy = JSON.parse(JSON.stringify(def)) as CategoryDefinition;
    expect(copy.fields.find((f) => f.code === 'CF_NR_FK')!.required).toEqual({ when: { field: 'CF_CFLB', has: '罚款' } });
    expect(getCodeList('penalty-kind').items.map((i) => i.value)).toHaveLength(14);
    expect(getCodeList('penalty-kind').legacy!.map((l) => l.code)).toEqual(['1', '2', '3', '4', '5', '6', '9']);
    expect(getCodeList('id-type').items.map((i) => i.value)).toEqual(['身份证', '护照号', '港澳居民来往内地通行证', '台湾居民来往大陆通行证', '外国人永久居留身份证', '其他']);
    expect(getCodeList('commitment-kind').items.map((i) => i.value)).toEqual(['审批替代型', '主动型', '行业自律型', '信用修复型']);
  });

  it('pass the same shape checks as a definition registered later (the core does not parse them at start)', () => {
    for (const list of BUILT_IN_CODE_LISTS) expect(codeListSchema.safeParse(list).error?.issues ?? []).toEqual([]);
    for (const def of BUILT_IN_CATEGORIES) expect(categorySchema.safeParse(def).error?.issues ?? []).toEqual([]);
    for (const list of BUILT_IN_CATEGORIES.flatMap((d) => d.codeLists ?? [])) expect(codeListSchema.safeParse(list).error?.issues ?? []).toEqual([]);
    expect(ruleTableSchema.safeParse(PENALTY_RULES_2026).error?.issues ?? []).toEqual([]);
    // …and the schemas do refuse a broken one.
    expect(categorySchema.safeParse({ ...BUILT_IN_CATEGORIES[0], key: 'Bad Key' }).success).toBe(false);
    expect(ruleTableSchema.safeParse({ ...PENALTY_RULES_2026, classes: {} }).success).toBe(false);
  });

  it('every field has Chinese and English labels', () => {
    for (const def of listCategories()) {
      for (const f of def.fields) {
        expect(f.label, f.code).toMatch(/[\u4e00-\u9fa5]/);
        expect(f.labelEn, f.code).toMatch(/^[A-Za-z]/);
      }
    }
  });
});

/** A made-up category, added by describing it: nothing else changes. */
const INSPECTION: CategoryDefinition = {
  key: 'inspection',
  name: '行政检查',
  nameEn: 'Administrative inspection',
  codePrefix: 'JC',
  codeLists: [
    {
      key: 'inspection-result',
      name: '检查结果',
      items: [{ value: '合格' }, { value: '基本合格' }, { value: '不合格', aliases: ['不符合'], detail: 'optional' }],
      legacy: [{ code: '0', label: '不合格（旧）', to: ['不合格'] }],
    },
  ],
  fields: [
    ...identityFields('JC'),
    { code: 'JC_JCBH', label: '检查编号', labelEn: 'Inspection number', type: { kind: 'text' }, required: 'always', maxLength: 64 },
    { code: 'JC_JCRQ', label: '检查日期', labelEn: 'Inspection date', type: { kind: 'date' }, required: 'always' },
    { code: 'JC_JCJG', label: '检查结果', labelEn: 'Result', type: { kind: 'code', codeList: 'inspection-result' }, required: 'always' },
    {
      code: 'JC_ZGQX',
      label: '整改期限',
      labelEn: 'Rectify by',
      type: { kind: 'date' },
      required: { when: { field: 'JC_JCJG', is: '不合格' } },
    },
    { code: 'JC_FXJE', label: '涉及金额（万元）', labelEn: 'Amount', type: { kind: 'decimal', places: 2 }, required: 'never' },
    { code: 'JC_JCJGDM', label: '检查机关统一社会信用代码', labelEn: 'Inspecting authority code', type: { kind: 'uscc' }, required: 'always' },
    REMARK_FIELD,
  ],
  rules: [
    ...identityRules('JC'),
    { kind: 'date-order', from: 'JC_JCRQ', to: 'JC_ZGQX' },
    {
      kind: 'custom',
      id: 'amount-needs-failure',
      check: (v) => (v.JC_FXJE !== null && v.JC_JCJG === '合格' ? [{ field: 'JC_FXJE', code: 'inspection-amount', message: '“涉及金额（万元）”（JC_FXJE）仅在检查不合格时填写', severity: 'warning' }] : null),
    },
  ],
  exportColumns: ['JC_JCBH', 'JC_XDR_MC', 'JC_XDR_SHXYM', 'JC_JCRQ', 'JC_JCJG', 'JC_ZGQX'],
  decisionNumberField: 'JC_JCBH',
  decisionDateField: 'JC_JCRQ',
  subject: subjectFields('JC'),
  legalRepresentative: legalRepresentativeFields('JC'),
};

describe('a new category by definition alone', () => {
  afterAll(() => unregisterCategory('inspection'));

  it('registers 行政检查 and validates its rows with every generic rule', () => {
    registerCategory(INSPECTION);
    expect(hasCategory('inspection')).toBe(true);
    const base = {
      JC_XDR_MC: '某某物业公司',
      JC_XDR_LB: '法人',
      JC_XDR_SHXYM: '91350200776049653a',
      JC_JCBH: 'JC-2025-001',
      JC_JCRQ: 45658,
      JC_JCJG: '合格',
      JC_JCJGDM: '913502000728319549',
    };
    const ok = validateRecord('inspection', base, { today: TODAY });
    expect(ok.errors).toEqual([]);
    expect(ok.values).toMatchObject({ JC_XDR_LB: '法人及非法人组织', JC_XDR_SHXYM: '91350200776049653A', JC_JCRQ: '2025-01-01', JC_JCJG: '合格' });

    const failed = validateRecord('inspection', { ...base, JC_JCJG: '不符合' }, { today: TODAY });
    expect(failed.errors).toEqual([{ field: 'JC_ZGQX', code: 'required', message: '“整改期限”（JC_ZGQX）必填（“检查结果”为“不合格”时）' }]);
    expect(validateRecord('inspection', { ...base, JC_JCJG: '0', JC_ZGQX: '2025-02-01' }).ok).toBe(true);
    // a detailed value 不合格-说明 satisfies a condition on 不合格
    expect(validateRecord('inspection', { ...base, JC_JCJG: '不合格-消防通道堵塞' }).errors.map((e) => e.code)).toEqual(['required']);

    const bad = validateRecord(
      'inspection',
      { ...base, JC_JCJG: '不合格', JC_ZGQX: '2024-12-31', JC_FXJE: '1.234', JC_XDR_SHXYM: USCC_PILOT },
      { today: TODAY },
    );
    expect(bad.errors.map((e) => `${e.field}:${e.code}`)).toEqual(['JC_XDR_SHXYM:uscc-check', 'JC_ZGQX:date-order', 'JC_FXJE:decimal-places']);
    expect(bad.errors[0].overridable).toBe(true);

    const person = validateRecord('inspection', { ...base, JC_XDR_LB: '自然人', JC_XDR_SHXYM: '', JC_XDR_ZJLX: '身份证', JC_XDR_ZJHM: ID_VALID.slice(0, 17) + '1' });
    expect(person.errors.map((e) => `${e.field}:${e.code}`)).toEqual(['JC_XDR_ZJHM:idcard-check']);

    const custom = validateRecord('inspection', { ...base, JC_FXJE: '3' });
    expect(custom.ok).toBe(true);
    expect(custom.warnings.map((w) => w.code)).toEqual(['inspection-amount']);
  });

  it('rejects registering the same key twice unless replacing', () => {
    expect(() => registerCategory(INSPECTION)).toThrow(CatalogDefinitionError);
    expect(() => registerCategory(INSPECTION, { replace: true })).not.toThrow();
  });
});

describe('registration checks the definition', () => {
  const broken = (patch: Partial<CategoryDefinition>): CategoryDefinition => ({ ...INSPECTION, key: 'broken', ...patch });
  const problems = (def: CategoryDefinition): string[] => {
    try {
      registerCategory(def);
      unregisterCategory(def.key);
      return [];
    } catch (e) {
      expect(e).toBeInstanceOf(CatalogDefinitionError);
      return (e as CatalogDefinitionError).problems;
    }
  };

  it('a valid copy registers', () => {
    expect(problems(broken({}))).toEqual([]);
  });
  it('unknown code list', () => {
    const fields = INSPECTION.fields.map((f) => (f.code === 'JC_JCJG' ? { ...f, type: { kind: 'code' as const, codeList: 'nope' } } : f));
    expect(problems(broken({ fields }))).toEqual(['字段“JC_JCJG”引用了未登记的代码表“nope”']);
  });
  it('duplicate field codes and labels', () => {
    const fields = [...INSPECTION.fields, { ...REMARK_FIELD }];
    const p = problems(broken({ fields }));
    expect(p).toContain('字段代码“BZ”重复');
  });
  it('references to missing fields', () => {
    expect(problems(broken({ decisionNumberField: 'JC_NONE' }))).toEqual(['决定书文号字段引用了不存在的字段“JC_NONE”']);
    expect(problems(broken({ rules: [{ kind: 'date-order', from: 'JC_JCRQ', to: 'JC_JCBH' }] }))).toEqual(['日期先后规则引用的字段“JC_JCBH”类型应为date']);
    expect(problems(broken({ exportColumns: ['JC_JCBH', 'JC_X'] }))).toEqual(['导出列引用了不存在的字段“JC_X”']);
    const fields = INSPECTION.fields.map((f) => (f.code === 'JC_ZGQX' ? { ...f, required: { when: { field: 'JC_Q', is: 'x' } } } : f));
    expect(problems(broken({ fields }))).toEqual(['字段“JC_ZGQX”的必填条件引用了不存在的字段“JC_Q”']);
  });
  it('shape errors (bad key, bad field code, bad type)', () => {
    expect(problems(broken({ key: 'Bad Key' })).length).toBeGreaterThan(0);
    const fields = INSPECTION.fields.map((f) => (f.code === 'JC_JCBH' ? { ...f, code: 'jc-bh' } : f));
    expect(problems(broken({ fields })).join()).toContain('字段代码应为大写字母、数字和下划线');
  });
  it('code lists whose older codes map to unknown values', () => {
    const codeLists = [{ key: 'inspection-result', name: '检查结果', items: [{ value: '合格' }], legacy: [{ code: '0', label: 'x', to: ['不存在'] }] }];
    expect(problems(broken({ codeLists }))).toContain('代码表“inspection-result”：旧代码“0”映射到未知值“不存在”');
  });
  it('an unknown category key is an error naming the registered ones', () => {
    expect(() => validateRecord('nope', {})).toThrow(/未登记；已登记：license、penalty/);
  });
});
