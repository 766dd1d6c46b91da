/**
 * validateRecord: one raw row (an object keyed by field code, or an array in
 * field order) → normalised values, errors and warnings with Chinese messages
 * that name the field and the reason.
 *
 * Precompiled per category (compile.ts): no schema library per row, no regular
 * expression on the common paths, shared failure objects; measured with
 * test/catalog/bench-validate.ts.
 *
 * Values: text trimmed; dates `YYYY-MM-DD`; amounts as strings with at most the
 * field's decimals; codes as today's values; multi-codes as arrays of today's
 * names; 统一社会信用代码 and 身份证号 upper-cased; empty → null. A value that
 * could not be read at all is null (its error says why); a value that was read
 * but fails a check (a USCC check character, an ID number) is kept.
 */
import type { CompiledCategory, IssueSink } from './compile';
import { getCompiledCategory } from './registry';
import type { RecordValue, RecordValues, ValidateOptions, ValidationIssue, ValidationResult } from './types';
import { Fail, formatYmd, parseDateString } from './values';

class Run implements IssueSink {
  errors: ValidationIssue[] | null = null;
  warnings: ValidationIssue[] | null = null;
  readonly dateObjects: 'utc' | 'local';
  private today: string | null = null;
  private todayAsDate: Date | null = null;

  constructor(
    private readonly options: ValidateOptions,
    private readonly c: CompiledCategory,
    private readonly row: RawRow,
  ) {
    this.dateObjects = options.dateObjects ?? 'utc';
  }

  raw(fieldCode: string): unknown {
    if (Array.isArray(this.row)) {
      const i = this.c.order.get(fieldCode);
      return i === undefined ? undefined : this.row[i];
    }
    return (this.row as Record<string, unknown>)[fieldCode];
  }

  error(field: string, code: string, message: string, overridable?: boolean): void {
    (this.errors ??= []).push(overridable ? { field, code, message, overridable: true } : { field, code, message });
  }

  warning(field: string, code: string, message: string): void {
    (this.warnings ??= []).push({ field, code, message });
  }

  todayYmd(): string {
    if (this.today === null) this.today = todayYmd(this.options.today);
    return this.today;
  }

  todayDate(): Date {
    this.todayAsDate ??= new Date(this.todayYmd() + 'T00:00:00Z');
    return this.todayAsDate;
  }
}

/**
 * A raw row: an object keyed by field code, or (fastest, for importers) an array
 * of raw values in the category's field order (`fieldOrder(category)`).
 */
export type RawRow = Record<string, unknown> | readonly unknown[];

const NO_OPTIONS: ValidateOptions = {};

/** Reused between calls (validation is synchronous); a nested call gets its own. */
const scratch: (RecordValue | undefined)[] = [];
let scratchBusy = false;

/** Today as `YYYY-MM-DD` (local calendar) from an option, or now. */
export function todayYmd(today?: string | Date): string {
  if (typeof today === 'string') {
    const r = parseDateString(today.trim());
    if (r instanceof Fail) throw new Error(`today 不是有效日期：${today}`);
    return r;
  }
  const d = today ?? new Date();
  return formatYmd(d.getFullYear(), d.getMonth() + 1, d.getDate());
}

/**
 * Validate one raw row of a category. `category` is a registered key (`penalty`)
 * or a compiled category. Raw values may be strings, numbers, JS Dates, Excel
 * serial dates (numbers, in date fields) or exceljs cell objects.
 */
export function validateRecord(category: string | CompiledCategory, row: RawRow, options: ValidateOptions = NO_OPTIONS): ValidationResult {
  const c = typeof category === 'string' ? getCompiledCategory(category) : category;
  const run = new Run(options, c, row);
  const values: RecordValues = { ...c.template };
  const fields = c.fields;
  const n = fields.length;
  const positional = Array.isArray(row);
  // vals[i]: the field's value, or undefined when it had an error (so no 'required' on top).
  const ownScratch = !scratchBusy;
  const vals = ownScratch ? scratch : new Array<RecordValue | undefined>(n);
  scratchBusy = true;
  try {
    for (let i = 0; i < n; i++) {
      const f = fields[i];
      const before = run.errors === null ? 0 : run.errors.length;
      const v = f.read(positional ? (row as readonly unknown[])[i] : (row as Record<string, unknown>)[f.code], run);
      if (v === undefined) {
        vals[i] = undefined;
      } else {
        if (v !== null) values[f.code] = v;
        vals[i] = run.errors !== null && run.errors.length !== before ? undefined : v;
      }
    }

    for (const fill of c.fills) {
      if (vals[fill.fieldIndex] === null && values[fill.from.code] !== null) {
        values[fill.field.code] = values[fill.from.code];
        vals[fill.fieldIndex] = values[fill.from.code];
        run.warning(fill.field.code, 'filled-from', fill.message);
      }
    }

    const draft = options.mode === 'draft';
    for (let i = 0; i < n; i++) {
      if (vals[i] !== null) continue; // filled, or already in error
      const f = fields[i];
      const req = f.required;
      if (req === false) continue;
      if (req === true || req(values)) {
        if (draft) run.warning(f.code, 'required', f.requiredMessage);
        else run.error(f.code, 'required', f.requiredMessage);
      }
    }
  } finally {
    if (ownScratch) scratchBusy = false;
  }

  for (const check of c.idChecks) check(values, run);
  for (const rule of c.rules) rule(values, run);

  for (const w of c.dateWarnings) {
    const v = values[w.field.code];
    if (typeof v === 'string' && v > run.todayYmd()) run.warning(w.field.code, 'date-future', `${w.message}：${v}`);
  }

  let errors = run.errors ?? [];
  const warnings = run.warnings ?? [];
  if (options.overrides?.length && errors.length) errors = applyOverrides(errors, warnings, options);
  if (errors.length > 1) sortByField(errors, c);
  if (warnings.length > 1) sortByField(warnings, c);
  return { ok: errors.length === 0, values, errors, warnings };
}

/** Field codes in the order a positional row (array) must follow. */
export function fieldOrder(category: string | CompiledCategory): string[] {
  const c = typeof category === 'string' ? getCompiledCategory(category) : category;
  return c.fields.map((f) => f.code);
}

/** Issues in field order (stable), so a form and an error report read top to bottom. */
function sortByField(issues: ValidationIssue[], c: CompiledCategory): void {
  const at = (f: string) => c.order.get(f) ?? Infinity;
  issues.sort((a, b) => at(a.field) - at(b.field));
}

function applyOverrides(errors: ValidationIssue[], warnings: ValidationIssue[], options: ValidateOptions): ValidationIssue[] {
  const kept: ValidationIssue[] = [];
  for (const e of errors) {
    const o = e.overridable ? options.overrides!.find((x) => x.field === e.field && x.code === e.code && x.reason.trim() !== '') : undefined;
    if (o) warnings.push({ field: e.field, code: e.code, message: `${e.message}（已由审核人放行：${o.reason.trim()}）`, overrideReason: o.reason.trim() });
    else kept.push(e);
  }
  return kept;
}
