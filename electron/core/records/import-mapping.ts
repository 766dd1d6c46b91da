/**
 * The row mapping of an import, compiled once per file from its plan
 * (import-plan.ts): file cells → today's positional row (the fastest input to
 * validateRecord), the fill rules applied on the way, and what the checks could
 * not have known (where a value came from, why a rule could not fill it).
 *
 * It runs inside the import's parsing half (import-rows.ts, in the import worker
 * for large files), once per row, so it is plain closures over column positions:
 * no per-row allocation beyond the row itself, memoised look-ups for values that
 * repeat on every row (处罚类别, the authority's name).
 */
import type { ImportRowError } from '../../contract/records';
import type { CompiledCategory } from '../catalog/compile';
import { compileCodeList, readToken, type CompiledCodeList } from '../catalog/codes';
import { fineFromText, type FillRule } from '../catalog/generations';
import { getCodeList } from '../catalog/registry';
import type { RecordValues, ValidationResult } from '../catalog/types';
import type { ImportPlan } from './import-plan';

/** The department importing: rules fill its name and code where a row names it. */
export interface DepartmentRef {
  name: string;
  uscc: string;
}

/** 当前状态 of a row, as history needs it. */
export type RowStatus = 'valid' | 'invalid' | null;

export interface RowMapping {
  /** Today's positional row of one file row. `applied` then lists the rules that filled something. */
  row(cells: readonly unknown[]): unknown[];
  /** Rule ids applied to the last row (reused; copy to keep). */
  readonly applied: string[];
  /** The type the subject-type rule inferred for the last row, if it did. */
  readonly inferredType: string | null;
  /**
   * After validation of the last row: drops the errors a later rule answers
   * (publication-end) and returns the fields that rule fills from the clock
   * (the rule then counts as applied).
   */
  settle(result: ValidationResult): string[];
  /** The row's 当前状态: `valid`, `invalid`, null when empty, or the raw text when unreadable. */
  status(cells: readonly unknown[], values: RecordValues): RowStatus | { unreadable: string };
  /** Where the row's 当前状态 is reported (a field code, or the status column's code). */
  readonly statusField: string | null;
  /** Error messages of a rejected row, with where the value came from and why no rule filled it. */
  explain(errors: ImportRowError[]): ImportRowError[];
}

const isEmpty = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
const asText = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());
/** Names compared as people write them: spaces and widths aside. */
const nameKey = (v: unknown) =>
  asText(v)
    .replace(/[\s\u3000]+/g, '')
    .replace(/[（）]/g, (ch) => (ch === '（' ? '(' : ')'));

const quote = (s: string) => `“${s}”`;

let statusList: CompiledCodeList | null = null;
function recordStatusList(): CompiledCodeList {
  const list = getCodeList('record-status');
  if (statusList?.list !== list) statusList = compileCodeList(list);
  return statusList;
}

/** 当前状态 text → valid / invalid (domain.md §2: 1 有效, 2 无效), via the code list. */
function readStatus(raw: unknown): RowStatus | { unreadable: string } {
  const text = asText(raw);
  if (text === '') return null;
  const r = readToken(recordStatusList(), text);
  if (r.ok && 'value' in r) return r.value === '2' ? 'invalid' : 'valid';
  return { unreadable: text };
}

export function compileRowMapping(plan: ImportPlan, compiled: CompiledCategory, department: DepartmentRef | null): RowMapping {
  const n = compiled.fields.length;
  const pos = (field: string) => compiled.order.get(field)!;
  const def = compiled.def;

  // Columns → positions.
  const simple: [column: number, position: number][] = [];
  const parts = new Map<number, { column: number; part: number }[]>();
  const ids: { column: number; position: number; typePosition: number; type: string }[] = [];
  let statusColumn: number | null = null;
  let statusCode: string | null = null;
  /** Field → the file's headers it came from, for messages (mapped columns only). */
  const sources = new Map<string, string[]>();
  for (const c of plan.columns) {
    const t = c.target;
    if (!t) continue;
    if ('status' in t) {
      statusColumn = c.index;
      statusCode = /[A-Z][A-Z0-9_]+/.exec(c.header.toUpperCase())?.[0] ?? c.header;
      continue;
    }
    if ('ignore' in t) continue;
    if (c.status === 'mapped') sources.set(t.field, [...(sources.get(t.field) ?? []), c.header]);
    if ('part' in t) {
      const p = pos(t.field);
      parts.set(p, [...(parts.get(p) ?? []), { column: c.index, part: t.part }].sort((a, b) => a.part - b.part));
    } else if ('idTypeField' in t) {
      ids.push({ column: c.index, position: pos(t.field), typePosition: pos(t.idTypeField), type: t.idType });
    } else {
      simple.push([c.index, pos(t.field)]);
    }
  }
  const partList = [...parts.entries()];
  const statusFieldCode = def.fields.find((f) => f.type.kind === 'code' && f.type.codeList === 'record-status')?.code ?? null;

  const applied: string[] = [];
  let inferredType: string | null = null;
  /** Per row: rules that wanted to fill a field and could not, for explain(). */
  const unfilled = new Map<string, string>();
  /** Per row: fields a publication-end rule fills once the row is checked, with the rule's id. */
  const publicationEnd: { field: string; id: string }[] = [];
  const provided = new Set(plan.columns.flatMap((c) => (c.target && 'field' in c.target ? [c.target.field] : [])));

  const deptName = department ? nameKey(department.name) : null;
  // The same few authority names recur on every row: compared once each.
  const departmentMemo = new Map<unknown, boolean>();
  const isDepartment = (v: unknown) => {
    let same = departmentMemo.get(v);
    if (same === undefined) {
      same = deptName !== null && deptName !== '' && nameKey(v) === deptName;
      if (departmentMemo.size > 1000) departmentMemo.clear();
      departmentMemo.set(v, same);
    }
    return same;
  };

  type Step = (row: unknown[]) => void;
  const steps: Step[] = [];
  const miss = (field: string, why: string) => unfilled.set(field, why);
  for (const rule of plan.fillRules) steps.push(...compileRule(rule));

  function compileRule(rule: FillRule): Step[] {
    switch (rule.kind) {
      case 'subject-type': {
        const s = def.subject;
        const [type, uscc, id] = [pos(s.type), pos(s.uscc), pos(s.idNumber)];
        return [
          (row) => {
            if (!isEmpty(row[type])) return;
            const code = asText(row[uscc]).toUpperCase();
            const t = code !== '' ? (code.startsWith('92') ? '个体工商户' : '法人及非法人组织') : !isEmpty(row[id]) ? '自然人' : null;
            if (t === null) {
              miss(s.type, provided.has(s.type) ? '该行没有统一社会信用代码或证件号码可据以推定' : '文件没有此列，该行也没有统一社会信用代码或证件号码可据以推定');
              return;
            }
            row[type] = t;
            inferredType = t;
            applied.push(rule.id);
          },
        ];
      }
      case 'department-code': {
        const [name, code] = [pos(rule.nameField), pos(rule.codeField)];
        const nameHead = quote(compiled.byCode.get(rule.nameField)!.label);
        return [
          (row) => {
            if (!isEmpty(row[code])) return;
            if (department && isDepartment(row[name])) {
              row[code] = department.uscc;
              applied.push(rule.id);
            } else if (!isEmpty(row[name])) {
              miss(rule.codeField, `${nameHead}（${asText(row[name])}）不是本部门，无法代为填写`);
            }
          },
        ];
      }
      case 'department-unit': {
        const [name, code, authority] = [pos(rule.nameField), pos(rule.codeField), pos(rule.authorityField)];
        const authorityHead = quote(compiled.byCode.get(rule.authorityField)!.label);
        return [
          (row) => {
            if (!department) return;
            if (isEmpty(row[name]) && isEmpty(row[code])) {
              if (isDepartment(row[authority])) {
                row[name] = department.name;
                row[code] = department.uscc;
                applied.push(rule.id);
              } else if (!isEmpty(row[authority])) {
                miss(rule.codeField, `${authorityHead}（${asText(row[authority])}）不是本部门，无法代为填写数据来源单位`);
              }
            } else if (isEmpty(row[code]) && isDepartment(row[name])) {
              row[code] = department.uscc;
              applied.push(rule.id);
            }
          },
        ];
      }
      case 'fine-from-text': {
        const [fine, text, kinds] = [pos(rule.fineField), pos(rule.textField), pos(rule.kindsField)];
        const list = compiled.byCode.get(rule.kindsField)!.codeList!;
        const finedMemo = new Map<string, boolean>();
        const textHead = quote(compiled.byCode.get(rule.textField)!.label);
        return [
          (row) => {
            if (!isEmpty(row[fine]) || !memoised(finedMemo, asText(row[kinds]), (k) => hasFine(list, k))) return;
            const found = fineFromText(row[text]);
            if (found === null) {
              miss(rule.fineField, `文件没有此列，也未能从${textHead}中读出唯一的罚款金额`);
              return;
            }
            row[fine] = found;
            applied.push(rule.id);
          },
        ];
      }
      case 'copy': {
        const [from, to] = [pos(rule.from), pos(rule.to)];
        return [
          (row) => {
            if (isEmpty(row[to]) && !isEmpty(row[from])) {
              row[to] = row[from];
              applied.push(rule.id);
            }
          },
        ];
      }
      case 'publication-end': {
        const at = pos(rule.field);
        return [
          (row) => {
            if (isEmpty(row[at])) publicationEnd.push({ field: rule.field, id: rule.id });
          },
        ];
      }
      case 'legacy-codes': {
        const at = pos(rule.field);
        const list = compiled.byCode.get(rule.field)!.codeList!;
        const memo = new Map<string, boolean>();
        return [
          (row) => {
            const v = asText(row[at]);
            if (v !== '' && memoised(memo, v, (k) => usesLegacy(list, k))) applied.push(rule.id);
          },
        ];
      }
    }
  }

  const fromPublication: string[] = [];

  return {
    applied,
    get inferredType() {
      return inferredType;
    },
    statusField: statusFieldCode ?? statusCode,

    row(cells) {
      applied.length = 0;
      inferredType = null;
      unfilled.clear();
      publicationEnd.length = 0;
      const row = new Array<unknown>(n);
      for (let i = 0; i < simple.length; i++) {
        const [column, position] = simple[i];
        row[position] = cells[column];
      }
      for (let i = 0; i < partList.length; i++) {
        const [position, columns] = partList[i];
        let joined = '';
        for (const { column } of columns) {
          const v = asText(cells[column]);
          if (v !== '') joined = joined === '' ? v : `${joined};${v}`;
        }
        row[position] = joined === '' ? null : joined;
      }
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i];
        const v = cells[id.column];
        row[id.position] = v;
        if (!isEmpty(v) && isEmpty(row[id.typePosition])) row[id.typePosition] = id.type;
      }
      for (let i = 0; i < steps.length; i++) steps[i](row);
      return row;
    },

    settle(result) {
      fromPublication.length = 0;
      if (publicationEnd.length === 0) return fromPublication;
      for (const { field, id } of publicationEnd) {
        const before = result.errors.length;
        result.errors = result.errors.filter((e) => !(e.field === field && e.code === 'required'));
        if (result.errors.length !== before) {
          fromPublication.push(field);
          applied.push(id);
        }
      }
      result.ok = result.errors.length === 0;
      return fromPublication;
    },

    status(cells, values) {
      if (statusFieldCode) {
        const v = values[statusFieldCode];
        return v === '2' ? 'invalid' : v === '1' ? 'valid' : null;
      }
      return statusColumn === null ? null : readStatus(cells[statusColumn]);
    },

    explain(errors) {
      return errors.map((e) => {
        let message = e.message;
        const why = e.code === 'required' ? unfilled.get(e.field) : undefined;
        if (why) message += `：${why}`;
        const from = sources.get(e.field);
        if (from) message += `（文件中的列：${from.map(quote).join('、')}）`;
        return message === e.message ? e : { ...e, message };
      });
    },
  };
}

function memoised(memo: Map<string, boolean>, key: string, compute: (key: string) => boolean): boolean {
  let v = memo.get(key);
  if (v === undefined) {
    v = compute(key);
    if (memo.size > 1000) memo.clear();
    memo.set(key, v);
  }
  return v;
}

const TOKEN_SEPARATOR = /[;；、,，]/;

/** The kinds name 罚款 (today's name, or an older code mapped to it). */
function hasFine(list: CompiledCodeList, kinds: string): boolean {
  for (const token of kinds.split(TOKEN_SEPARATOR)) {
    const r = readToken(list, token.trim());
    if (r.ok && ('value' in r ? r.value === '罚款' : r.legacy.to.includes('罚款'))) return true;
  }
  return false;
}

/** The kinds use an older code or name (mapped by the code list's `legacy` entries). */
function usesLegacy(list: CompiledCodeList, kinds: string): boolean {
  if (readToken(list, kinds).ok) return 'legacy' in readToken(list, kinds);
  return kinds.split(/[;；]/).some((piece) => {
    const whole = readToken(list, piece.trim());
    if (whole.ok) return 'legacy' in whole;
    return piece.split(TOKEN_SEPARATOR).some((t) => {
      const r = readToken(list, t.trim());
      return r.ok && 'legacy' in r;
    });
  });
}
