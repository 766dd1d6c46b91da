/**
 * The catalogue: registered code lists and categories. Registering checks the
 * definition's shape (zod, once; the shipped ones in a test) and every reference in it (fields, code lists,
 * rule tables), then compiles it for fast validation. Adding a category is
 * `registerCategory(definition)` and nothing else.
 */
import { z } from 'zod';
import { BUILT_IN_CODE_LISTS } from './code-lists';
import { BUILT_IN_CATEGORIES } from './categories/built-in';
import { compileCategory, conditionFields, headerKey, type CompiledCategory } from './compile';
import { hasRuleTableFamily } from './publication-rules';
import { SUBJECT_TYPES, type CategoryDefinition, type CodeList, type Condition } from './types';

// ---------------------------------------------------------------------------
// Shapes

const codeItemSchema = z.object({
  value: z.string().min(1),
  label: z.string().min(1).optional(),
  aliases: z.array(z.string().min(1)).optional(),
  detail: z.enum(['required', 'optional']).optional(),
  idCheck: z.literal('gb11643').optional(),
  help: z.string().optional(),
});

export const codeListSchema = z.object({
  key: z.string().min(1),
  name: z.string().min(1),
  items: z.array(codeItemSchema).min(1),
  legacy: z
    .array(
      z.object({
        code: z.string().min(1),
        label: z.string().min(1),
        aliases: z.array(z.string().min(1)).optional(),
        to: z.array(z.string().min(1)).min(1),
        resolve: z.array(z.object({ contains: z.string().min(1), to: z.string().min(1) })).optional(),
        warnWhenUnresolved: z.boolean().optional(),
      }),
    )
    .optional(),
  source: z.string().optional(),
});

const subjectTypeSchema = z.enum(SUBJECT_TYPES);
const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ subjectType: z.union([subjectTypeSchema, z.array(subjectTypeSchema).min(1)]) }).strict(),
    z.object({ field: z.string(), is: z.union([z.string(), z.array(z.string()).min(1)]) }).strict(),
    z.object({ field: z.string(), has: z.string() }).strict(),
    z.object({ field: z.string(), filled: z.boolean() }).strict(),
    z.object({ all: z.array(conditionSchema).min(1) }).strict(),
    z.object({ any: z.array(conditionSchema).min(1) }).strict(),
    z.object({ not: conditionSchema }).strict(),
  ]),
);

const fieldTypeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text') }),
  z.object({ kind: z.literal('date') }),
  z.object({ kind: z.literal('decimal'), places: z.number().int().min(0).max(10), unit: z.string().optional() }),
  z.object({ kind: z.literal('code'), codeList: z.string() }),
  z.object({ kind: z.literal('multi-code'), codeList: z.string(), legacyContext: z.array(z.string()).optional() }),
  z.object({ kind: z.literal('uscc') }),
  z.object({ kind: z.literal('idnumber'), idTypeField: z.string() }),
]);

const fieldSchema = z.object({
  code: z.string().regex(/^[A-Z][A-Z0-9_]*$/, '字段代码应为大写字母、数字和下划线'),
  label: z.string().min(1),
  labelEn: z.string().min(1),
  type: fieldTypeSchema,
  required: z.union([z.literal('always'), z.literal('never'), z.object({ when: conditionSchema, hint: z.string().optional() })]),
  maxLength: z.number().int().positive().optional(),
  help: z.string().optional(),
  headerAliases: z.array(z.string().min(1)).optional(),
  personal: z.boolean().optional(),
  fillFrom: z.string().optional(),
  warnIfFuture: z.boolean().optional(),
  prefill: z.enum(['department-name', 'department-uscc']).optional(),
});

const severitySchema = z.enum(['error', 'warning']).optional();
const ruleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('date-order'), from: z.string(), to: z.string(), severity: severitySchema }),
  z.object({
    kind: z.literal('uscc-prefix-subject-type'),
    usccField: z.string(),
    prefix: z.string().min(1),
    subjectType: subjectTypeSchema,
    converse: severitySchema,
  }),
  z.object({ kind: z.literal('one-of'), fields: z.array(z.string()).min(1), when: conditionSchema.optional(), severity: severitySchema, message: z.string().optional() }),
  z.object({ kind: z.literal('amount-in-text'), text: z.string(), amount: z.string(), severity: severitySchema }),
  z.object({ kind: z.literal('custom'), id: z.string().min(1), check: z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function') }),
]);

export const categorySchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9-]*$/, '类别键应为小写字母、数字和连字符'),
  name: z.string().min(1),
  nameEn: z.string().min(1),
  codePrefix: z.string().min(1),
  fields: z.array(fieldSchema).min(1),
  codeLists: z.array(codeListSchema).optional(),
  rules: z.array(ruleSchema).optional(),
  exportColumns: z.array(z.string()).optional(),
  decisionNumberField: z.string(),
  decisionDateField: z.string(),
  subject: z.object({ name: z.string(), type: z.string(), uscc: z.string(), idType: z.string(), idNumber: z.string() }),
  legalRepresentative: z.object({ name: z.string(), idType: z.string(), idNumber: z.string() }).optional(),
  publication: z
    .object({ ruleTable: z.string(), kindsField: z.string(), fineField: z.string().optional(), deadlineField: z.string().optional() })
    .optional(),
  repairable: z.boolean().optional(),
  authority: z.object({ name: z.string(), code: z.string() }).optional(),
  removal: z.object({ listedOn: z.string(), condition: z.string(), date: z.string() }).optional(),
  help: z.string().optional(),
});

/** A definition that cannot be registered; `problems` lists every reason in Chinese. */
export class CatalogDefinitionError extends Error {
  constructor(
    message: string,
    readonly problems: string[],
  ) {
    super(`${message}：${problems.join('；')}`);
    this.name = 'CatalogDefinitionError';
  }
}

// ---------------------------------------------------------------------------
// Registry

const codeLists = new Map<string, CodeList>();
const categories = new Map<string, CompiledCategory>();

export function registerCodeList(list: CodeList, options: { replace?: boolean } = {}): void {
  const parsed = codeListSchema.safeParse(list);
  if (!parsed.success) throw new CatalogDefinitionError(`代码表“${list?.name ?? '?'}”定义有误`, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  addCodeList(list, options);
}

/** registerCodeList after the shape check: every reference, then the list. */
function addCodeList(list: CodeList, options: { replace?: boolean } = {}): void {
  const problems = codeListProblems(list);
  if (problems.length) throw new CatalogDefinitionError(`代码表“${list.name}”定义有误`, problems);
  if (codeLists.has(list.key) && !options.replace) throw new CatalogDefinitionError('代码表重复', [`“${list.key}”已登记`]);
  codeLists.set(list.key, list);
  // Recompile categories that use the global list.
  for (const c of [...categories.values()]) categories.set(c.key, compileCategory(c.def, codeLists));
}

function codeListProblems(list: CodeList): string[] {
  const problems: string[] = [];
  const values = new Set<string>();
  for (const i of list.items) {
    if (values.has(i.value)) problems.push(`值“${i.value}”重复`);
    values.add(i.value);
    if (i.detail && i.value.includes('-')) problems.push(`带说明的值“${i.value}”不能含“-”`);
  }
  for (const l of list.legacy ?? []) {
    for (const t of [...l.to, ...(l.resolve ?? []).map((r) => r.to)]) if (!values.has(t)) problems.push(`旧代码“${l.code}”映射到未知值“${t}”`);
  }
  return problems;
}

/** Every reference inside a definition points to something that exists. */
export function definitionProblems(def: CategoryDefinition): string[] {
  const problems: string[] = [];
  const fields = new Map<string, CategoryDefinition['fields'][number]>();
  const labels = new Map<string, string>();
  for (const f of def.fields) {
    if (fields.has(f.code)) problems.push(`字段代码“${f.code}”重复`);
    fields.set(f.code, f);
    for (const h of [f.label, ...(f.headerAliases ?? [])]) {
      const k = headerKey(h);
      const other = labels.get(k);
      if (other && other !== f.code) problems.push(`表头“${h}”同时指向“${other}”和“${f.code}”`);
      labels.set(k, f.code);
    }
  }
  const need = (code: string | undefined, where: string, kinds?: string[]) => {
    if (code === undefined) return;
    const f = fields.get(code);
    if (!f) problems.push(`${where}引用了不存在的字段“${code}”`);
    else if (kinds && !kinds.includes(f.type.kind)) problems.push(`${where}引用的字段“${code}”类型应为${kinds.join('或')}`);
  };
  const ownLists = new Map((def.codeLists ?? []).map((l) => [l.key, l]));
  for (const l of def.codeLists ?? []) {
    const parsed = codeListSchema.safeParse(l);
    if (!parsed.success) problems.push(`代码表“${l.key}”：${parsed.error.issues.map((i) => i.message).join('，')}`);
    else problems.push(...codeListProblems(l).map((p) => `代码表“${l.key}”：${p}`));
  }
  const condition = (c: Condition, where: string) => {
    for (const f of conditionFields(c, def)) need(f, where);
  };
  for (const f of def.fields) {
    const t = f.type;
    if ((t.kind === 'code' || t.kind === 'multi-code') && !ownLists.has(t.codeList) && !codeLists.has(t.codeList)) {
      problems.push(`字段“${f.code}”引用了未登记的代码表“${t.codeList}”`);
    }
    if (t.kind === 'multi-code') for (const c of t.legacyContext ?? []) need(c, `字段“${f.code}”的旧代码参照`);
    if (t.kind === 'idnumber') need(t.idTypeField, `字段“${f.code}”的证件类型`, ['code']);
    if (typeof f.required === 'object') condition(f.required.when, `字段“${f.code}”的必填条件`);
    need(f.fillFrom, `字段“${f.code}”的替代值`);
  }
  for (const r of def.rules ?? []) {
    switch (r.kind) {
      case 'date-order':
        need(r.from, '日期先后规则', ['date']);
        need(r.to, '日期先后规则', ['date']);
        break;
      case 'uscc-prefix-subject-type':
        need(r.usccField, '代码前缀规则', ['uscc']);
        break;
      case 'one-of':
        for (const f of r.fields) need(f, '至少填写一项规则');
        if (r.when) condition(r.when, '至少填写一项规则的条件');
        break;
      case 'custom':
        break;
    }
  }
  const columns = def.exportColumns ?? [];
  for (const c of columns) need(c, '导出列');
  if (new Set(columns).size !== columns.length) problems.push('导出列有重复');
  need(def.decisionNumberField, '决定书文号字段');
  need(def.decisionDateField, '决定日期字段', ['date']);
  need(def.subject.name, '主体名称字段');
  need(def.subject.type, '主体类别字段', ['code']);
  need(def.subject.uscc, '主体统一社会信用代码字段', ['uscc']);
  need(def.subject.idType, '主体证件类型字段', ['code']);
  need(def.subject.idNumber, '主体证件号码字段', ['idnumber']);
  if (def.legalRepresentative) {
    need(def.legalRepresentative.name, '法定代表人字段');
    need(def.legalRepresentative.idType, '法定代表人证件类型字段', ['code']);
    need(def.legalRepresentative.idNumber, '法定代表人证件号码字段', ['idnumber']);
  }
  if (def.publication) {
    if (!hasRuleTableFamily(def.publication.ruleTable)) problems.push(`公示规则表“${def.publication.ruleTable}”不存在`);
    need(def.publication.kindsField, '公示规则的处罚类别字段', ['multi-code', 'code']);
    need(def.publication.fineField, '公示规则的罚款金额字段', ['decimal']);
    need(def.publication.deadlineField, '公示规则的公示截止期字段', ['date']);
  }
  return problems;
}

/**
 * Register (or with `replace`, update) a category. Throws CatalogDefinitionError
 * listing every problem; on success the category validates rows at once.
 */
export function registerCategory(def: CategoryDefinition, options: { replace?: boolean } = {}): CompiledCategory {
  const parsed = categorySchema.safeParse(def);
  if (!parsed.success) {
    throw new CatalogDefinitionError(`类别“${def?.name ?? '?'}”定义有误`, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  return addCategory(def, options);
}

/** registerCategory after the shape check: every reference, then the compiled category. */
function addCategory(def: CategoryDefinition, options: { replace?: boolean } = {}): CompiledCategory {
  const problems = definitionProblems(def);
  if (problems.length) throw new CatalogDefinitionError(`类别“${def.name}”定义有误`, problems);
  if (categories.has(def.key) && !options.replace) throw new CatalogDefinitionError('类别重复', [`“${def.key}”已登记`]);
  const compiled = compileCategory(def, codeLists);
  categories.set(def.key, compiled);
  return compiled;
}

/** Remove a category (tests; a shipped category is never removed). */
export function unregisterCategory(key: string): boolean {
  return categories.delete(key);
}

export function getCompiledCategory(key: string): CompiledCategory {
  const c = categories.get(key);
  if (!c) throw new CatalogDefinitionError('未知的信用信息类别', [`“${key}”未登记；已登记：${[...categories.keys()].join('、')}`]);
  return c;
}

export function hasCategory(key: string): boolean {
  return categories.has(key);
}

export function getCategory(key: string): CategoryDefinition {
  return getCompiledCategory(key).def;
}

export function listCategories(): CategoryDefinition[] {
  return [...categories.values()].map((c) => c.def);
}

export function getCodeList(key: string, category?: string): CodeList {
  if (category) {
    const own = getCompiledCategory(category).codeLists.get(key);
    if (own) return own.list;
  }
  const list = codeLists.get(key);
  if (!list) throw new CatalogDefinitionError('未知的代码表', [`“${key}”未登记`]);
  return list;
}

export function listCodeLists(): CodeList[] {
  return [...codeLists.values()];
}

// The categories that ship. Their shape is checked by TypeScript and by the schemas above in
// test/catalog/catalog.test.ts, not again at every start: parsing them took about 60 ms of CPU
// each time the core loaded, before `info` or a login could answer. References are still checked.
for (const l of BUILT_IN_CODE_LISTS) addCodeList(l);
for (const d of BUILT_IN_CATEGORIES) addCategory(d);
