/**
 * Helpers every consumer of the catalogue needs around validated values:
 * subject and duplicate keys, personal-data fields and masking, import header
 * matching, export/template columns.
 */
import { maskIdNumber } from '../identifiers/idcard';
import { headerKey, quote } from './compile';
import { getCompiledCategory } from './registry';
import type { CategoryDefinition, FieldDefinition, RecordValues } from './types';

// ---------------------------------------------------------------------------
// Keys

export interface SubjectKey {
  /** `uscc`: by 统一社会信用代码; `id`: by 证件类型 + 证件号码 (a person); `name`: nothing else to go by. */
  kind: 'uscc' | 'id' | 'name';
  value: string;
}

/** One subject per 统一社会信用代码, else per ID number, else (weakly) per name. */
export function subjectKey(category: string, values: RecordValues): SubjectKey | null {
  const s = getCompiledCategory(category).def.subject;
  const uscc = values[s.uscc];
  if (typeof uscc === 'string' && uscc) return { kind: 'uscc', value: uscc };
  const id = values[s.idNumber];
  if (typeof id === 'string' && id) {
    const type = values[s.idType];
    return { kind: 'id', value: `${typeof type === 'string' ? type : ''}:${id.toUpperCase()}` };
  }
  const name = values[s.name];
  if (typeof name === 'string' && name) return { kind: 'name', value: name.replace(/[\s\u3000]+/g, '') };
  return null;
}

const OPEN = /[（(［[【〔〖{｛]/g;
const CLOSE = /[）)］\]】〕〗}｝]/g;

/**
 * A decision number as compared for duplicates: full-width ASCII folded to
 * half-width, every bracket style (〔〕 [] 【】 （） …) made one, spaces removed,
 * upper case. `石市监罚〔2025〕12号` and `石市监罚[2025] 12号` are the same decision.
 */
export function normaliseDecisionNumber(s: string): string {
  return s
    .replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(OPEN, '(')
    .replace(CLOSE, ')')
    .replace(/[\s\u3000]+/g, '')
    .toUpperCase();
}

/**
 * The duplicate-detection key: category + decision number (决定书文号 / 许可编号)
 * + subject. Null when the record lacks a decision number or a subject.
 */
export function duplicateKey(category: string, values: RecordValues): string | null {
  const def = getCompiledCategory(category).def;
  const no = values[def.decisionNumberField];
  const subject = subjectKey(category, values);
  if (typeof no !== 'string' || !no || !subject) return null;
  return `${def.key}|${normaliseDecisionNumber(no)}|${subject.kind}:${subject.value}`;
}

// ---------------------------------------------------------------------------
// Personal data

/**
 * Fields holding personal data: the ID numbers of natural persons and of legal
 * representatives (marked `personal` in the definition).
 */
export function personalDataFields(category: string): string[] {
  return [...getCompiledCategory(category).personalFields];
}

/** A copy of the values with personal-data fields masked (`1101**********002X`). */
export function maskPersonalData(category: string, values: RecordValues): RecordValues {
  const out = { ...values };
  for (const f of getCompiledCategory(category).personalFields) {
    const v = out[f];
    if (typeof v === 'string') out[f] = maskIdNumber(v);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Columns

export interface ColumnInfo {
  code: string;
  label: string;
  labelEn: string;
  /** true: always; false: never; 'conditional': depends on other fields (see help). */
  required: boolean | 'conditional';
  /** Accepted values for a template dropdown (code and multi-code fields). */
  options?: string[];
  help?: string;
}

function columnInfo(def: CategoryDefinition, f: FieldDefinition): ColumnInfo {
  const compiled = getCompiledCategory(def.key);
  const cl = compiled.byCode.get(f.code)?.codeList;
  const info: ColumnInfo = {
    code: f.code,
    label: f.label,
    labelEn: f.labelEn,
    required: f.required === 'always' ? true : f.required === 'never' ? false : 'conditional',
  };
  // Labels where an item has one (当前状态: 有效/无效 are accepted on import and stored as 1/2).
  if (cl) info.options = cl.list.items.map((i) => (i.detail ? `${i.value}-` : (i.label ?? i.value)));
  if (f.help) info.help = f.help;
  return info;
}

/** The standard export (and template) columns in order. */
export function exportColumns(category: string): ColumnInfo[] {
  const c = getCompiledCategory(category);
  return c.exportColumns.map((code) => columnInfo(c.def, c.byCode.get(code)!.def));
}

export interface HeaderMatch {
  /** For each column, the field code it holds, or null (unknown or a repeat). */
  columns: (string | null)[];
  /** For each column, its field's position in the category's field order (see positionalRow), or null. */
  positions: (number | null)[];
  /** Number of fields of the category (the length of a positional row). */
  fieldCount: number;
  unknown: { index: number; header: string }[];
  /** A column whose field already appeared in an earlier column. */
  repeated: { index: number; header: string; field: string }[];
  /** Fields required in every row whose column is missing. */
  missingRequired: string[];
  /** Chinese messages for the unknown, repeated and missing columns. */
  messages: string[];
}

/**
 * Match import headers to fields by field code or Chinese label (or an alias),
 * in any column order; blanks, `*` marks and full-width parentheses ignored;
 * `行政相对人名称(CF_XDR_MC)` style headers match by the code inside.
 */
export function matchHeaders(category: string, headers: unknown[]): HeaderMatch {
  const c = getCompiledCategory(category);
  const seen = new Set<string>();
  const columns: (string | null)[] = [];
  const unknown: HeaderMatch['unknown'] = [];
  const repeated: HeaderMatch['repeated'] = [];
  const messages: string[] = [];
  headers.forEach((h, index) => {
    const text = h == null ? '' : String(h).trim();
    let field = c.headerIndex.get(headerKey(text));
    if (!field) {
      for (const token of headerKey(text).match(/[A-Z][A-Z0-9_]{1,}/g) ?? []) {
        const f = c.headerIndex.get(token);
        if (f === token) {
          field = f;
          break;
        }
      }
    }
    if (!field) {
      columns.push(null);
      if (text !== '') {
        unknown.push({ index, header: text });
        messages.push(`第${index + 1}列表头${quote(text)}不是“${c.def.name}”的字段，已忽略`);
      }
      return;
    }
    if (seen.has(field)) {
      columns.push(null);
      repeated.push({ index, header: text, field });
      messages.push(`第${index + 1}列表头${quote(text)}与前面的列重复（${field}），已忽略`);
      return;
    }
    seen.add(field);
    columns.push(field);
  });
  const missingRequired = c.fields.filter((f) => f.required === true && !seen.has(f.code) && !(f.def.fillFrom && seen.has(f.def.fillFrom))).map((f) => f.code);
  for (const f of missingRequired) messages.push(`缺少必填列${c.byCode.get(f)!.head}`);
  const positions = columns.map((f) => (f === null ? null : c.order.get(f)!));
  return { columns, positions, fieldCount: c.fields.length, unknown, repeated, missingRequired, messages };
}

/** A raw row object (keyed by field code) from a sheet row and a header match. */
export function rowFromCells(columns: (string | null)[], cells: readonly unknown[]): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (let i = 0; i < columns.length; i++) {
    const f = columns[i];
    if (f !== null) row[f] = cells[i];
  }
  return row;
}

/**
 * A positional raw row (the fastest input to validateRecord, about twice as fast
 * as a keyed object): for each column its field's position, from `matchHeaders(…).positions`.
 */
export function positionalRow(positions: readonly (number | null)[], fieldCount: number, cells: readonly unknown[]): unknown[] {
  const row = new Array<unknown>(fieldCount);
  for (let i = 0; i < positions.length; i++) {
    const p = positions[i];
    if (p !== null) row[p] = cells[i];
  }
  return row;
}
