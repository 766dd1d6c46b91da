/**
 * The credit-record catalogue and validation layer: pure (no database, no I/O).
 *
 *   import { validateRecord, getCategory, computePublication } from '../catalog';
 */
export * from './types';
export * from './code-lists';
export { LICENSE } from './categories/license';
export { PENALTY } from './categories/penalty';
export { REDLIST, BLACKLIST, COMMITMENT } from './categories/lists';
export { identityFields, identityRules, subjectFields, legalRepresentativeFields, REMARK_FIELD, sourceFields, LEN } from './categories/identity';
export type { CompiledCategory, CompiledField } from './compile';
export { headerKey } from './compile';
export {
  CatalogDefinitionError,
  registerCategory,
  unregisterCategory,
  registerCodeList,
  getCategory,
  getCompiledCategory,
  hasCategory,
  listCategories,
  getCodeList,
  listCodeLists,
  definitionProblems,
} from './registry';
export { validateRecord, fieldOrder, todayYmd, type RawRow } from './validate';
export { excelSerialToDate, dateToExcelSerial, parseDate, parseDateString, parseDecimal, parseText, cellValue, Fail } from './values';
export * from './publication-rules';
export * from './publication';
export * from './records';
