/**
 * A stored value as people read it in printed documents: a coded value in words
 * with its code (有效（1）), several values joined with 、, personal ID numbers
 * masked unless the reader may see them.
 */
import { maskIdNumber } from '../identifiers/idcard';
import type { CompiledCategory } from './compile';
import type { RecordValue } from './types';

export function displayValue(compiled: CompiledCategory, field: string, value: RecordValue | undefined, opts: { masked: boolean }): string {
  if (value === null || value === undefined || value === '') return '';
  const values = Array.isArray(value) ? value : [value];
  const f = compiled.byCode.get(field);
  const personal = opts.masked && compiled.personalFields.includes(field);
  return values
    .map((v) => {
      if (personal) return maskIdNumber(v);
      const item = f?.codeList?.byValue.get(v);
      return item?.label && item.label !== v ? `${item.label}（${v}）` : v;
    })
    .join('、');
}

export function fieldLabel(compiled: CompiledCategory, field: string): string {
  return compiled.byCode.get(field)?.label ?? field;
}
