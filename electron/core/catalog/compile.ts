/**
 * Turns a category definition into a compiled form that validates rows without
 * re-reading the definition: per-field readers, precomputed messages, compiled
 * conditions and rules, a header index for imports.
 */
import { checkIdCard } from '../identifiers/idcard';
import { fineFromText } from './generations/fine-text';
import { checkUscc, type UsccCheck } from '../identifiers/uscc';
import { compileCodeList, itemOf, readToken, resolveLegacy, type CompiledCodeList } from './codes';
import type {
  CategoryDefinition,
  CodeList,
  Condition,
  CrossFieldRule,
  FieldDefinition,
  FieldKind,
  RecordValue,
  RecordValues,
  Severity,
  SubjectType,
} from './types';
import { cellValue, decimalToUnits, Fail, parseDate, parseDecimal, parseText } from './values';

/** Where a compiled reader or rule reports issues (one per validation call). */
export interface IssueSink {
  readonly dateObjects: 'utc' | 'local';
  /** The raw value of another field of the row being read. */
  raw(fieldCode: string): unknown;
  error(field: string, code: string, message: string, overridable?: boolean): void;
  warning(field: string, code: string, message: string): void;
  todayYmd(): string;
  todayDate(): Date;
}

/** Reads one raw value: the normalised value, or `undefined` after reporting an error. */
type Reader = (raw: unknown, sink: IssueSink) => RecordValue | undefined;

export interface CompiledField {
  def: FieldDefinition;
  code: string;
  label: string;
  kind: FieldKind;
  /** `“label”（code）`, the start of every message about this field. */
  head: string;
  read: Reader;
  /** true / false, or a predicate over the normalised values. */
  required: boolean | ((values: RecordValues) => boolean);
  requiredMessage: string;
  codeList?: CompiledCodeList;
}

export interface CompiledCategory {
  def: CategoryDefinition;
  key: string;
  fields: CompiledField[];
  byCode: Map<string, CompiledField>;
  /** Fields filled from another field when empty. */
  fills: { field: CompiledField; fieldIndex: number; from: CompiledField; message: string }[];
  /** ID-number checks that depend on the ID type (run after all fields are read). */
  idChecks: ((values: RecordValues, sink: IssueSink) => void)[];
  rules: ((values: RecordValues, sink: IssueSink) => void)[];
  dateWarnings: { field: CompiledField; message: string }[];
  codeLists: Map<string, CompiledCodeList>;
  /** Field code → position, for ordering issues. */
  order: Map<string, number>;
  /** Every field code → null, in field order; each row's values start as a (fast-mode) copy. */
  template: RecordValues;
  /** Normalised header (code, label, alias) → field code. */
  headerIndex: Map<string, string>;
  exportColumns: string[];
  personalFields: string[];
}

export function quote(s: string): string {
  return `“${s}”`;
}

export function fieldHead(f: FieldDefinition): string {
  return `“${f.label}”（${f.code}）`;
}

/**
 * Header text normalised for matching: no spaces, no `*` marks, no trailing colon,
 * one bracket style (`（）〔〕【】[]` → `()`), upper case.
 */
export function headerKey(header: unknown): string {
  return String(header ?? '')
    .replace(/[\s\u3000]+/g, '')
    .replace(/[:：]+$/, '')
    .replace(/^[*＊]+|[*＊]+$/g, '')
    .replace(/[（〔【[]/g, '(')
    .replace(/[）〕】\]]/g, ')')
    .toUpperCase();
}

// ---------------------------------------------------------------------------
// Conditions

type Pred = (v: RecordValues) => boolean;

/** `v` is (or, for a multi-code, contains) `x`; a detailed value `其他-说明` also counts as `其他`. */
function has(v: RecordValue, x: string): boolean {
  if (v === null) return false;
  if (typeof v === 'string') return v === x || (v.length > x.length && v.charCodeAt(x.length) === 45 && v.startsWith(x));
  for (const item of v) if (item === x || (item.length > x.length && item.charCodeAt(x.length) === 45 && item.startsWith(x))) return true;
  return false;
}

export function compileCondition(c: Condition, def: CategoryDefinition): Pred {
  if ('subjectType' in c) {
    const field = def.subject.type;
    const types = Array.isArray(c.subjectType) ? c.subjectType : [c.subjectType];
    if (types.length === 1) {
      const t = types[0];
      return (v) => v[field] === t;
    }
    return (v) => types.includes(v[field] as SubjectType);
  }
  if ('all' in c) {
    const ps = c.all.map((x) => compileCondition(x, def));
    return (v) => ps.every((p) => p(v));
  }
  if ('any' in c) {
    const ps = c.any.map((x) => compileCondition(x, def));
    return (v) => ps.some((p) => p(v));
  }
  if ('not' in c) {
    const p = compileCondition(c.not, def);
    return (v) => !p(v);
  }
  const field = c.field;
  if ('is' in c) {
    const values = Array.isArray(c.is) ? c.is : [c.is];
    return (v) => values.some((x) => has(v[field], x));
  }
  if ('has' in c) {
    const x = c.has;
    return (v) => has(v[field], x);
  }
  const filled = c.filled;
  return (v) => (v[field] != null) === filled;
}

/** Chinese wording of a condition, without the trailing 时: `“处罚类别”含“罚款”`. */
export function describeCondition(c: Condition, label: (code: string) => string, def: CategoryDefinition): string {
  if ('subjectType' in c) {
    const types = Array.isArray(c.subjectType) ? c.subjectType : [c.subjectType];
    return `${quote(label(def.subject.type))}为${types.map(quote).join('或')}`;
  }
  if ('all' in c) return c.all.map((x) => describeCondition(x, label, def)).join('且');
  if ('any' in c) return c.any.map((x) => describeCondition(x, label, def)).join('或');
  if ('not' in c) return `不满足（${describeCondition(c.not, label, def)}）`;
  const l = quote(label(c.field));
  if ('is' in c) return `${l}为${(Array.isArray(c.is) ? c.is : [c.is]).map(quote).join('或')}`;
  if ('has' in c) return `${l}含${quote(c.has)}`;
  return c.filled ? `已填写${l}` : `未填写${l}`;
}

/** Every field code a condition reads. */
export function conditionFields(c: Condition, def: CategoryDefinition): string[] {
  if ('subjectType' in c) return [def.subject.type];
  if ('all' in c) return c.all.flatMap((x) => conditionFields(x, def));
  if ('any' in c) return c.any.flatMap((x) => conditionFields(x, def));
  if ('not' in c) return conditionFields(c.not, def);
  return [c.field];
}

// ---------------------------------------------------------------------------
// Readers

/**
 * checkUscc results, memoised: the same authority and source-unit codes recur on
 * every row of an import, and a subject recurs across its records. Bounded; the
 * check itself is identifiers/uscc.ts.
 */
const usccMemo = new Map<string, UsccCheck>();
const USCC_MEMO_MAX = 20_000;

function checkUsccMemo(code: string): UsccCheck {
  let r = usccMemo.get(code);
  if (r === undefined) {
    r = checkUscc(code);
    if (usccMemo.size >= USCC_MEMO_MAX) usccMemo.clear();
    usccMemo.set(code, r);
  }
  return r;
}

const SEPARATOR = /[;；、]/;

function codeValuesHint(cl: CompiledCodeList): string {
  const shown = cl.list.items.map((i) => (i.label ? `${i.value} ${i.label}` : i.detail ? `${i.value}-…` : i.value));
  return `应为：${shown.join('、')}`;
}

function textReader(head: string, fc: string, maxLength: number): Reader {
  return (raw, sink) => {
    const v = parseText(raw);
    if (v instanceof Fail) {
      sink.error(fc, v.code, head + v.reason);
      return undefined;
    }
    if (v !== null && v.length > maxLength) sink.error(fc, 'too-long', `${head}超过最大长度${maxLength}个字符（当前${v.length}个）`);
    return v;
  };
}

function makeReader(f: FieldDefinition, def: CategoryDefinition, lists: Map<string, CompiledCodeList>, label: (c: string) => string): Reader {
  const head = fieldHead(f);
  const fc = f.code;
  const maxLength = f.maxLength ?? Infinity;
  const t = f.type;
  switch (t.kind) {
    case 'text':
      return textReader(head, fc, maxLength);
    case 'date':
      return (raw, sink) => {
        const v = parseDate(raw, sink.dateObjects);
        if (v instanceof Fail) {
          const shown = rawShown(raw);
          sink.error(fc, v.code, `${head}${v.reason}${shown ? `：${shown}` : ''}`);
          return undefined;
        }
        return v;
      };
    case 'decimal': {
      const places = t.places;
      const unit = t.unit ? `（单位${t.unit}）` : '';
      return (raw, sink) => {
        const v = parseDecimal(raw, places);
        if (v instanceof Fail) {
          const shown = rawShown(raw);
          sink.error(fc, v.code, `${head}${v.reason}${unit}${shown ? `：${shown}` : ''}`);
          return undefined;
        }
        return v;
      };
    }
    case 'uscc':
      return (raw, sink) => {
        const v = parseText(raw);
        if (v instanceof Fail) {
          sink.error(fc, v.code, head + v.reason);
          return undefined;
        }
        if (v === null) return null;
        const s = v.toUpperCase();
        const check = checkUsccMemo(s);
        if (check.ok) return s;
        switch (check.problem) {
          case 'length':
            sink.error(fc, 'uscc-format', `${head}应为18位（当前${s.length}位）：${s}`);
            return undefined;
          case 'charset':
            sink.error(fc, 'uscc-format', `${head}含有不允许的字符（统一社会信用代码不使用 I、O、S、V、Z）：${s}`);
            return undefined;
          case 'check':
            sink.error(fc, 'uscc-check', `${head}校验位错误（按前17位应为“${check.expected}”）：${s}；如确为早期试点代码，须由审核人注明理由后放行`, true);
            return s;
          default:
            sink.error(fc, 'uscc-check', `${head}中的组织机构代码（第9–17位）校验位错误：${s}；如确为早期试点代码，须由审核人注明理由后放行`, true);
            return s;
        }
      };
    case 'idnumber':
      // The GB 11643 check depends on the ID type and runs after every field is read.
      return textReader(head, fc, maxLength);
    case 'code': {
      const cl = lists.get(t.codeList)!;
      const hint = codeValuesHint(cl);
      return (raw, sink) => {
        const v = parseText(raw);
        if (v instanceof Fail) {
          sink.error(fc, v.code, head + v.reason);
          return undefined;
        }
        if (v === null) return null;
        const r = readToken(cl, v);
        if (r.ok) {
          if ('value' in r) {
            if (r.value.length > maxLength) sink.error(fc, 'too-long', `${head}超过最大长度${maxLength}个字符（当前${r.value.length}个）`);
            return r.value;
          }
          return r.legacy.to[0];
        }
        if (r.code === 'code-detail-required') {
          sink.error(fc, r.code, `${head}选择“${r.item!.value}”时须写明具体名称，如“${r.item!.value}-名称”`);
        } else {
          sink.error(fc, r.code, `${head}的值“${v}”不在代码表“${cl.list.name}”中，${hint}`);
        }
        return undefined;
      };
    }
    case 'multi-code': {
      const cl = lists.get(t.codeList)!;
      const hint = codeValuesHint(cl);
      const context = t.legacyContext ?? [];
      const contextLabels = context.map((c) => quote(label(c))).join('、');
      return (raw, sink) => {
        // A list (as records.get returns it) is the same as its items joined by `;`.
        const v = parseText(Array.isArray(raw) ? raw.join(';') : raw);
        if (v instanceof Fail) {
          sink.error(fc, v.code, head + v.reason);
          return undefined;
        }
        if (v === null) return null;
        // `;` always separates; `、` only where the piece is not itself a code (old
        // names such as “暂扣或者吊销许可证、暂扣或者吊销执照” contain one).
        const tokens = !SEPARATOR.test(v)
          ? [v]
          : v.split(/[;；]/).flatMap((piece) => (piece.includes('、') && !readToken(cl, piece.trim()).ok ? piece.split('、') : [piece]));
        const out: string[] = [];
        let unknown: string[] | null = null;
        let failed = false;
        let contextText: string | null = null;
        for (let token of tokens) {
          token = token.trim();
          if (token === '') continue;
          const r = readToken(cl, token);
          if (r.ok) {
            if ('value' in r) {
              if (!out.includes(r.value)) out.push(r.value);
              continue;
            }
            const legacy = r.legacy;
            if (legacy.resolve && contextText === null) {
              contextText = '';
              for (const c of context) {
                const cv = cellValue(sink.raw(c));
                if (typeof cv === 'string') contextText += cv + '\n';
              }
            }
            const res = resolveLegacy(legacy, contextText ?? '');
            for (const x of res.values) if (!out.includes(x)) out.push(x);
            if (!res.resolved && legacy.warnWhenUnresolved) {
              sink.warning(
                fc,
                'code-legacy-ambiguous',
                `${head}旧代码“${legacy.code}”（${legacy.label}）无法从${contextLabels || '记录'}判断具体类别，已按${res.values.map(quote).join('、')}处理，请核实`,
              );
            }
            continue;
          }
          failed = true;
          if (r.code === 'code-detail-required') {
            sink.error(fc, r.code, `${head}选择“${r.item!.value}”时须写明具体名称，如“${r.item!.value}-名称”`);
          } else {
            (unknown ??= []).push(token);
          }
        }
        if (unknown) sink.error(fc, 'code-unknown', `${head}的值${unknown.map(quote).join('、')}不在代码表“${cl.list.name}”中，${hint}`);
        if (failed) return undefined;
        if (out.length === 0) return null;
        if (maxLength !== Infinity) {
          let len = out.length - 1; // separators
          for (const x of out) len += x.length;
          if (len > maxLength) sink.error(fc, 'too-long', `${head}超过最大长度${maxLength}个字符（当前${len}个）`);
        }
        return out;
      };
    }
  }
}

function rawShown(raw: unknown): string {
  const v = cellValue(raw);
  if (v === null || v instanceof Fail) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString();
  const s = String(v).trim();
  return s.length > 40 ? s.slice(0, 40) + '…' : s;
}

// ---------------------------------------------------------------------------
// Cross-field rules

/** 0.30 and 0.3 are the same amount. */
function sameDecimal(a: string, b: string): boolean {
  const norm = (x: string) => (x.includes('.') ? x.replace(/0+$/, '').replace(/\.$/, '') : x).replace(/^0+(?=\d)/, '');
  return norm(a) === norm(b);
}

/** 万元 → 元 for the message: 0.37 → 3700. */
function shiftRight(wan: string): string {
  const units = decimalToUnits(wan, 6); // 10^-6 万元 = 0.01 元
  const yuan = (units / 100).toFixed(2);
  return yuan.endsWith('.00') ? yuan.slice(0, -3) : yuan.replace(/0$/, '');
}

function compileRule(
  rule: CrossFieldRule,
  def: CategoryDefinition,
  byCode: Map<string, CompiledField>,
  label: (c: string) => string,
): (values: RecordValues, sink: IssueSink) => void {
  const report = (sink: IssueSink, severity: Severity | undefined, field: string, code: string, message: string) =>
    severity === 'warning' ? sink.warning(field, code, message) : sink.error(field, code, message);
  switch (rule.kind) {
    case 'date-order': {
      const { from, to, severity } = rule;
      const head = byCode.get(to)!.head;
      const fromLabel = quote(label(from));
      return (v, sink) => {
        const a = v[from];
        const b = v[to];
        if (typeof a === 'string' && typeof b === 'string' && b < a) {
          report(sink, severity, to, 'date-order', `${head}不得早于${fromLabel}：${b} 早于 ${a}`);
        }
      };
    }
    case 'uscc-prefix-subject-type': {
      const { usccField, prefix, subjectType, converse } = rule;
      const typeField = def.subject.type;
      const typeHead = byCode.get(typeField)!.head;
      const usccHead = byCode.get(usccField)!.head;
      return (v, sink) => {
        const code = v[usccField];
        const type = v[typeField];
        if (typeof code !== 'string' || typeof type !== 'string') return;
        const starts = code.startsWith(prefix);
        if (starts && type !== subjectType) {
          sink.error(typeField, 'uscc-subject-type', `${typeHead}应为“${subjectType}”：统一社会信用代码以“${prefix}”开头（${code}），当前为“${type}”`);
        } else if (!starts && type === subjectType && converse) {
          report(sink, converse, usccField, 'uscc-subject-type', `${usccHead}通常以“${prefix}”开头（${subjectType}），请核实：${code}`);
        }
      };
    }
    case 'one-of': {
      const { fields, severity } = rule;
      const when = rule.when ? compileCondition(rule.when, def) : null;
      const message = rule.message ?? `${fields.map((f) => byCode.get(f)!.head).join('、')}至少填写一项`;
      return (v, sink) => {
        if (when && !when(v)) return;
        for (const f of fields) if (v[f] != null) return;
        report(sink, severity, fields[0], 'one-of', message);
      };
    }
    case 'amount-in-text': {
      const { text, amount, severity } = rule;
      const head = byCode.get(text)!.head;
      const amountLabel = quote(label(amount));
      return (v, sink) => {
        const written = v[text];
        const given = v[amount];
        if (typeof written !== 'string' || typeof given !== 'string') return;
        const found = fineFromText(written);
        if (found === null || sameDecimal(found, given)) return;
        report(
          sink,
          severity,
          text,
          'amount-in-text',
          `${head}与${amountLabel}矛盾：${head}写明 ${found} 万元（${shiftRight(found)} 元），${amountLabel}为 ${given} 万元：请一并更正两者`,
        );
      };
    }
    case 'custom': {
      const ctx = { category: def, label };
      return (v, sink) => {
        const issues = rule.check(v, ctx);
        if (issues) for (const i of issues) report(sink, i.severity, i.field, i.code, i.message);
      };
    }
  }
}

// ---------------------------------------------------------------------------
// The category

export function compileCategory(def: CategoryDefinition, globalLists: Map<string, CodeList>): CompiledCategory {
  const labels = new Map(def.fields.map((f) => [f.code, f.label]));
  const label = (c: string) => labels.get(c) ?? c;

  const lists = new Map<string, CompiledCodeList>();
  const listFor = (key: string) => {
    if (!lists.has(key)) {
      const own = def.codeLists?.find((l) => l.key === key);
      const list = own ?? globalLists.get(key);
      if (!list) throw new Error(`类别“${def.name}”引用了未登记的代码表“${key}”`);
      lists.set(key, compileCodeList(list));
    }
    return lists.get(key)!;
  };
  for (const f of def.fields) if (f.type.kind === 'code' || f.type.kind === 'multi-code') listFor(f.type.codeList);

  const fields: CompiledField[] = def.fields.map((f) => {
    const head = fieldHead(f);
    let required: CompiledField['required'];
    let requiredMessage = `${head}必填`;
    if (f.required === 'always') required = true;
    else if (f.required === 'never') required = false;
    else {
      required = compileCondition(f.required.when, def);
      requiredMessage = `${head}必填（${f.required.hint ?? describeCondition(f.required.when, label, def)}时）`;
    }
    const t = f.type;
    return {
      def: f,
      code: f.code,
      label: f.label,
      kind: t.kind,
      head,
      read: makeReader(f, def, lists, label),
      required,
      requiredMessage,
      codeList: t.kind === 'code' || t.kind === 'multi-code' ? lists.get(t.codeList) : undefined,
    };
  });
  const byCode = new Map(fields.map((f) => [f.code, f]));

  const fills = fields
    .filter((f) => f.def.fillFrom)
    .map((f) => {
      const from = byCode.get(f.def.fillFrom!)!;
      return { field: f, fieldIndex: fields.indexOf(f), from, message: `${f.head}未填写，已使用${quote(from.label)}的值` };
    });

  const idChecks = fields
    .filter((f) => f.def.type.kind === 'idnumber')
    .map((f) => {
      const typeField = (f.def.type as { idTypeField: string }).idTypeField;
      const typeList = byCode.get(typeField)!.codeList!;
      const fc = f.code;
      const head = f.head;
      const reasons = {
        format: '不是有效的身份证号：应为18位，前17位为数字，末位为数字或X',
        'birth-date': '不是有效的身份证号：出生日期（第7–14位）不是真实日期',
        check: '不是有效的身份证号：校验位错误',
      } as const;
      return (v: RecordValues, sink: IssueSink) => {
        const id = v[fc];
        const type = v[typeField];
        if (typeof id !== 'string' || typeof type !== 'string') return;
        const item = itemOf(typeList, type);
        if (item?.idCheck !== 'gb11643') return;
        const upper = id.toUpperCase();
        if (upper !== id) v[fc] = upper;
        const r = checkIdCard(upper, sink.todayDate());
        if (!r.ok) sink.error(fc, `idcard-${r.problem}`, `${head}${reasons[r.problem!]}`);
      };
    });

  const rules = (def.rules ?? []).map((r) => compileRule(r, def, byCode, label));

  const dateWarnings = fields
    .filter((f) => f.def.warnIfFuture && f.kind === 'date')
    .map((f) => ({ field: f, message: `${f.head}晚于今天` }));

  const headerIndex = new Map<string, string>();
  for (const f of def.fields) {
    for (const h of [f.code, f.label, ...(f.headerAliases ?? [])]) {
      const k = headerKey(h);
      if (!headerIndex.has(k)) headerIndex.set(k, f.code);
    }
  }

  return {
    def,
    key: def.key,
    fields,
    byCode,
    fills,
    idChecks,
    rules,
    dateWarnings,
    codeLists: lists,
    order: new Map(def.fields.map((f, i) => [f.code, i])),
    // JSON.parse builds a fast-mode object (adding 30-odd keys one by one makes a slow dictionary).
    template: JSON.parse(JSON.stringify(Object.fromEntries(def.fields.map((f) => [f.code, null])))) as RecordValues,
    headerIndex,
    exportColumns: def.exportColumns ?? def.fields.map((f) => f.code),
    personalFields: def.fields.filter((f) => f.personal).map((f) => f.code),
  };
}
