/**
 * Code-list lookup: exact values, labels, aliases, older codes, and the `其他-…`
 * detail form. Built once per list; lookups allocate nothing in the common case.
 */
import type { CodeItem, CodeList, LegacyCode } from './types';

export interface CompiledCodeList {
  list: CodeList;
  /** Every accepted spelling → its (preallocated) result. */
  lookup: Map<string, TokenResult>;
  detailItems: CodeItem[];
  /** Item by stored value. */
  byValue: Map<string, CodeItem>;
}

/** Characters accepted between a value and its detail: `其他-X`, `其他：X`, `其他（X）` … */
const DETAIL_SEPARATORS = '-－—–:：(（';

export function compileCodeList(list: CodeList): CompiledCodeList {
  const lookup = new Map<string, TokenResult>();
  const byValue = new Map<string, CodeItem>();
  const add = (key: string, hit: TokenResult) => {
    if (!lookup.has(key)) lookup.set(key, hit);
  };
  const itemResult = (item: CodeItem): TokenResult =>
    item.detail === 'required' ? { ok: false, code: 'code-detail-required', item } : { ok: true, value: item.value };
  // Values first so that a value always wins over an alias or an older code.
  const results = new Map<CodeItem, TokenResult>();
  for (const item of list.items) {
    byValue.set(item.value, item);
    results.set(item, itemResult(item));
    add(item.value, results.get(item)!);
  }
  for (const item of list.items) {
    if (item.label) add(item.label, results.get(item)!);
    for (const a of item.aliases ?? []) add(a, results.get(item)!);
  }
  for (const legacy of list.legacy ?? []) {
    const hit: TokenResult = { ok: true, legacy };
    add(legacy.code, hit);
    add(legacy.label, hit);
    for (const a of legacy.aliases ?? []) add(a, hit);
  }
  return { list, lookup, byValue, detailItems: list.items.filter((i) => i.detail) };
}

/** Result of reading one token against a list. */
export type TokenResult =
  | { ok: true; value: string }
  | { ok: true; legacy: LegacyCode }
  | { ok: false; code: 'code-unknown' | 'code-detail-required'; item?: CodeItem };

const UNKNOWN: TokenResult = { ok: false, code: 'code-unknown' };

/**
 * One token (already trimmed, non-empty) → today's value. A detail item written
 * bare (`其他`) is an error when its detail is required; with a detail it is
 * normalised to `其他-说明`.
 */
export function readToken(cl: CompiledCodeList, token: string): TokenResult {
  const hit = cl.lookup.get(token);
  if (hit) return hit;
  for (const item of cl.detailItems) {
    const v = item.value;
    if (token.length > v.length && token.startsWith(v) && DETAIL_SEPARATORS.includes(token[v.length])) {
      let detail = token.slice(v.length + 1);
      const last = detail[detail.length - 1];
      if ((token[v.length] === '(' || token[v.length] === '（') && (last === ')' || last === '）')) detail = detail.slice(0, -1);
      detail = detail.trim();
      if (detail === '') {
        if (item.detail === 'required') return { ok: false, code: 'code-detail-required', item };
        return { ok: true, value: v };
      }
      return { ok: true, value: v + '-' + detail };
    }
  }
  return UNKNOWN;
}

/** The stored value of a (possibly detailed) value: `其他-军官证` → item `其他`. */
export function itemOf(cl: CompiledCodeList, value: string): CodeItem | undefined {
  const direct = cl.byValue.get(value);
  if (direct) return direct;
  const dash = value.indexOf('-');
  return dash > 0 ? cl.byValue.get(value.slice(0, dash)) : undefined;
}

/** Resolve an older code by words in the record's context text. */
export function resolveLegacy(legacy: LegacyCode, context: string): { values: string[]; resolved: boolean } {
  if (!legacy.resolve || legacy.resolve.length === 0) return { values: legacy.to, resolved: true };
  let found: string[] | null = null;
  for (const r of legacy.resolve) {
    if (context.includes(r.contains)) {
      found ??= [];
      if (!found.includes(r.to)) found.push(r.to);
    }
  }
  return found ? { values: found, resolved: true } : { values: legacy.to, resolved: false };
}
