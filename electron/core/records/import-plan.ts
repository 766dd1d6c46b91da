/**
 * Before any record is read: which layout (template generation) a file's header
 * row is in, where each column goes, which required fields have no column and
 * whether a rule fills them, and whether the headers fit another category better
 * (“这像是行政许可的表格”). Pure: the header cells in, a JSON plan out. The plan
 * drives the row mapping (import-mapping.ts) in the import's parsing half, and is
 * what the wizard's preview and the migration report show.
 */
import { ruleName } from '../catalog/generations/names';
import type { ImportColumnView, ImportPlanView, ImportRuleView } from '../../contract/records';
import { headerKey, type CompiledCategory } from '../catalog/compile';
import { generationsFor, type ColumnTarget, type FillRule, type TemplateGeneration } from '../catalog/generations';
import { getCompiledCategory, listCategories } from '../catalog/registry';

export interface PlanColumn extends ImportColumnView {
  /** Where the column's values go (null: unknown or repeated). */
  target: ColumnTarget | null;
}

export interface ImportPlan extends ImportPlanView {
  columns: PlanColumn[];
  /** The rules of the generation, as data (the mapping compiles them). */
  fillRules: FillRule[];
  /** Columns recognised (ignored ones included): how well the header fits. */
  recognised: number;
  /** Required fields that no column and no rule provide: every row will be refused for them. */
  unfilled: number;
}

interface HeaderEntry {
  target: ColumnTarget;
  /** The header's own field code, in its layout. */
  code?: string;
  label: string;
  /** Today's field (code, label or alias) rather than an older layout's column. */
  current: boolean;
}

const quote = (s: string) => `“${s}”`;

/** Normalised header → entry, per compiled category and generation (a replaced category gets new ones). */
const indexes = new WeakMap<CompiledCategory, Map<string, Map<string, HeaderEntry>>>();

function headerIndex(compiled: CompiledCategory, generation: TemplateGeneration): Map<string, HeaderEntry> {
  let byGeneration = indexes.get(compiled);
  if (!byGeneration) indexes.set(compiled, (byGeneration = new Map()));
  let index = byGeneration.get(generation.key);
  if (index) return index;
  index = new Map();
  const add = (header: string, entry: HeaderEntry) => {
    const k = headerKey(header);
    if (k !== '' && !index!.has(k)) index!.set(k, entry);
  };
  // The layout's own columns first: where an older label is also today's, the layout decides.
  for (const c of generation.columns) {
    const entry: HeaderEntry = { target: c.to, code: c.code, label: c.label, current: false };
    for (const h of [c.code, c.label, ...(c.aliases ?? [])]) if (h) add(h, entry);
  }
  for (const f of compiled.def.fields) {
    const entry: HeaderEntry = { target: { field: f.code }, code: f.code, label: f.label, current: true };
    for (const h of [f.code, f.label, ...(f.headerAliases ?? [])]) add(h, entry);
  }
  byGeneration.set(generation.key, index);
  return index;
}

/** The entry for one header: by its whole text, or by a field code inside it (`名称(CF_XDR_MC)`). */
function lookup(index: Map<string, HeaderEntry>, header: string): HeaderEntry | undefined {
  const key = headerKey(header);
  const whole = index.get(key);
  if (whole) return whole;
  for (const token of key.match(/[A-Z][A-Z0-9_]{1,}/g) ?? []) {
    const e = index.get(token);
    if (e && e.code === token) return e;
  }
  return undefined;
}

const fieldHead = (compiled: CompiledCategory, field: string) => compiled.byCode.get(field)?.head ?? field;
const fieldLabel = (compiled: CompiledCategory, field: string) => compiled.byCode.get(field)?.label ?? field;

/** The fields a target writes. */
function targetFields(t: ColumnTarget): string[] {
  if ('ignore' in t || 'status' in t) return [];
  return 'idTypeField' in t ? [t.field, t.idTypeField] : [t.field];
}

function columnView(compiled: CompiledCategory, index: number, header: string, entry: HeaderEntry | undefined, repeatOf: number | null): PlanColumn {
  if (!entry) {
    return {
      index,
      header,
      status: 'unknown',
      field: null,
      note: header === '' ? null : `不是${quote(compiled.def.name)}的字段，不导入`,
      target: null,
    };
  }
  const t = entry.target;
  if ('ignore' in t) return { index, header, status: 'ignored', field: null, note: t.ignore, target: t };
  if ('status' in t) {
    return { index, header, status: 'status', field: null, note: '当前状态：按“已在平台公示过的历史记录”导入时，据此判断记录是否已撤回', target: t };
  }
  if (repeatOf !== null) return { index, header, status: 'repeated', field: t.field, note: `与第 ${repeatOf + 1} 列重复，不导入`, target: null };
  // Today's header, or an older header under today's code (CF_SY 处罚事由 is today's CF_SY 违法事实).
  const same = entry.current || entry.code === t.field;
  if ('part' in t) return { index, header, status: 'mapped', field: t.field, note: `并入${fieldHead(compiled, t.field)}`, target: t };
  if ('idTypeField' in t) {
    return {
      index,
      header,
      status: 'mapped',
      field: t.field,
      note: `号码填入${fieldHead(compiled, t.field)}，${quote(fieldLabel(compiled, t.idTypeField))}填${quote(t.idType)}`,
      target: t,
    };
  }
  return { index, header, status: same ? 'field' : 'mapped', field: t.field, note: null, target: t };
}

/** A rule stated in Chinese, with the category's own labels. */
export function describeRule(compiled: CompiledCategory, rule: FillRule): string {
  const l = (f: string) => quote(fieldLabel(compiled, f));
  switch (rule.kind) {
    case 'subject-type':
      return `${l(compiled.def.subject.type)}未填写时按代码推定：统一社会信用代码以 92 开头的为个体工商户，其他统一社会信用代码为法人及非法人组织，只有身份证号的为自然人`;
    case 'department-code':
      return `${l(rule.codeField)}未填写、且${l(rule.nameField)}是本部门时，填本部门的统一社会信用代码`;
    case 'department-unit':
      return `${l(rule.nameField)}及其统一社会信用代码未填写、且${l(rule.authorityField)}是本部门时，填本部门`;
    case 'fine-from-text':
      return `${l(rule.kindsField)}含罚款而没有${l(rule.fineField)}时，从${l(rule.textField)}（旧模板的“处罚结果”）读出唯一的罚款金额，折算为万元；读不出唯一金额的行不导入`;
    case 'copy':
      return `${l(rule.to)}未填写时取${l(rule.from)}`;
    case 'publication-end':
      return `${l(rule.field)}未填写时，取按公示期限规则算出的公示截止期`;
    case 'legacy-codes':
      return `${l(rule.field)}的旧代码（1 警告、2 罚款、3 没收、4 责令停产停业、5 暂扣或吊销证照、6 行政拘留、9 其他）转换为现行名称`;
  }
}

/** The fields a rule can fill, given the fields the file provides. */
function fills(compiled: CompiledCategory, rule: FillRule, provided: Set<string>): string[] {
  const s = compiled.def.subject;
  switch (rule.kind) {
    case 'subject-type':
      return provided.has(s.uscc) || provided.has(s.idNumber) ? [s.type] : [];
    case 'department-code':
      return provided.has(rule.nameField) ? [rule.codeField] : [];
    case 'department-unit':
      return provided.has(rule.authorityField) || provided.has(rule.nameField) ? [rule.nameField, rule.codeField] : [];
    case 'fine-from-text':
      return provided.has(rule.textField) ? [rule.fineField] : [];
    case 'copy':
      return provided.has(rule.from) ? [rule.to] : [];
    case 'publication-end':
      return compiled.def.publication ? [rule.field] : [];
    case 'legacy-codes':
      return [];
  }
}

/** The plan of a header row in one generation of one category. */
function planIn(compiled: CompiledCategory, generation: TemplateGeneration, headers: readonly unknown[], headerRow: number): ImportPlan {
  const index = headerIndex(compiled, generation);
  const seen = new Map<string, number>();
  const columns: PlanColumn[] = [];
  let recognised = 0;
  headers.forEach((h, i) => {
    const header = h == null ? '' : String(h).trim();
    const entry = header === '' ? undefined : lookup(index, header);
    let repeatOf: number | null = null;
    if (entry) {
      recognised++;
      const t = entry.target;
      const key = 'part' in t ? `${t.field}#${t.part}` : 'field' in t ? t.field : 'status' in t ? '#status' : null;
      if (key !== null) {
        if (seen.has(key)) repeatOf = seen.get(key)!;
        else seen.set(key, i);
      }
    }
    columns.push(columnView(compiled, i, header, entry, repeatOf));
  });
  const provided = new Set(columns.flatMap((c) => (c.target ? targetFields(c.target) : [])));
  const missing: ImportPlanView['missing'] = [];
  let unfilled = 0;
  for (const f of compiled.fields) {
    if (f.required !== true || provided.has(f.code) || (f.def.fillFrom && provided.has(f.def.fillFrom))) continue;
    const rule = generation.rules.find((r) => fills(compiled, r, provided).includes(f.code));
    missing.push({ field: f.code, rule: rule?.id ?? null });
    if (!rule) unfilled++;
  }
  const rules: ImportRuleView[] = generation.rules.map((r) => ({ id: r.id, name: ruleName(r), description: describeRule(compiled, r) }));
  return {
    category: compiled.key,
    generation: { key: generation.key, name: generation.name },
    headerRow,
    columns,
    missing,
    rules,
    suggestion: null,
    fillRules: generation.rules,
    recognised,
    unfilled,
  };
}

/** The generation of a category that recognises most of the headers (ties: today's first). */
export function bestPlan(compiled: CompiledCategory, headers: readonly unknown[], headerRow = 1): ImportPlan {
  let best: ImportPlan | null = null;
  let bestRank = 0;
  for (const g of generationsFor(compiled.key)) {
    const p = planIn(compiled, g, headers, headerRow);
    if (!best || p.recognised > best.recognised || (p.recognised === best.recognised && g.rank < bestRank)) {
      best = p;
      bestRank = g.rank;
    }
  }
  return best!;
}

/**
 * The plan for a file imported as `category`, with a suggestion when another
 * category's fields fit the headers better: it recognises more columns and lacks
 * fewer required ones.
 */
export function planImport(category: string | CompiledCategory, headers: readonly unknown[], headerRow = 1): ImportPlan {
  const compiled = typeof category === 'string' ? getCompiledCategory(category) : category;
  const plan = bestPlan(compiled, headers, headerRow);
  let other: ImportPlan | null = null;
  for (const def of listCategories()) {
    if (def.key === compiled.key) continue;
    const p = bestPlan(getCompiledCategory(def.key), headers, headerRow);
    if (p.recognised > plan.recognised && p.unfilled < plan.unfilled && (!other || p.recognised > other.recognised)) other = p;
  }
  if (other) {
    const name = getCompiledCategory(other.category).def.name;
    plan.suggestion = {
      category: other.category,
      message:
        `这像是${quote(name)}的表格：${other.recognised} 列是${name}的字段，只有 ${plan.recognised} 列是${quote(compiled.def.name)}的字段，` +
        `且缺少 ${plan.unfilled} 个必填项。请把信息类别改为${quote(name)}后再导入。`,
    };
  }
  return plan;
}

/** How many rows before the header a file may have (titles such as “行政处罚信息表”). */
export const MAX_TITLE_ROWS = 4;

/**
 * Chooses the header among a file's first rows: the first that names at least two
 * columns of the category's generations; otherwise the first row.
 */
export function chooseHeader(compiled: CompiledCategory, rows: { rowNumber: number; cells: readonly unknown[] }[]): number {
  for (let i = 0; i < rows.length; i++) {
    if (bestPlan(compiled, rows[i].cells, rows[i].rowNumber).recognised >= 2) return i;
  }
  return 0;
}

/** The plan as the contract shows it (without the mapping's internals). */
export function planView(plan: ImportPlan): ImportPlanView {
  return {
    category: plan.category,
    generation: plan.generation,
    headerRow: plan.headerRow,
    columns: plan.columns.map(({ index, header, status, field, note }) => ({ index, header, status, field, note })),
    missing: plan.missing,
    rules: plan.rules,
    suggestion: plan.suggestion,
  };
}
