/** Shapes the core's records into the contract's views, masking personal data. */
import { getRuleTable } from '../catalog/publication-rules';
import type { CatalogCategory, CatalogCodeList, PublicationView, RecordSummary } from '../../contract/records';
import { describeCondition } from '../catalog/compile';
import type { PublicationClock } from '../catalog/publication';
import { getCompiledCategory, listCategories, listCodeLists } from '../catalog/registry';
import type { CategoryDefinition, CodeList } from '../catalog/types';
import { maskIdNumber } from '../identifiers/idcard';
import type { RecordRow } from '../search/records-search';

export function catalogCategory(def: CategoryDefinition): CatalogCategory {
  const compiled = getCompiledCategory(def.key);
  const label = (code: string) => compiled.byCode.get(code)?.def.label ?? code;
  return {
    key: def.key,
    name: def.name,
    nameEn: def.nameEn,
    fields: def.fields.map((f) => ({
      code: f.code,
      label: f.label,
      labelEn: f.labelEn,
      kind: f.type.kind,
      codeList: 'codeList' in f.type ? f.type.codeList : undefined,
      places: f.type.kind === 'decimal' ? f.type.places : undefined,
      unit: f.type.kind === 'decimal' ? f.type.unit : undefined,
      required: typeof f.required === 'string' ? f.required : 'conditional',
      requiredWhen: typeof f.required === 'object' ? (f.required.hint ?? describeCondition(f.required.when, label, def)) : undefined,
      maxLength: f.maxLength,
      help: f.help,
      personal: f.personal ?? false,
      ...(f.prefill ? { prefill: f.prefill } : {}),
    })),
    exportColumns: compiled.exportColumns,
    decisionNumberField: def.decisionNumberField,
    decisionDateField: def.decisionDateField,
    subject: def.subject,
    hasPublication: Boolean(def.publication),
    repairable: Boolean(def.repairable),
  };
}

function codeListView(list: CodeList): CatalogCodeList {
  return { key: list.key, name: list.name, items: list.items.map((i) => ({ value: i.value, label: i.label ?? i.value, detail: i.detail })) };
}

export function catalogView() {
  const lists = new Map<string, CodeList>();
  for (const l of listCodeLists()) lists.set(l.key, l);
  for (const def of listCategories()) for (const l of def.codeLists ?? []) lists.set(l.key, l);
  return { categories: listCategories().map(catalogCategory), codeLists: [...lists.values()].map(codeListView) };
}

export function publicationView(clock: PublicationClock | null): PublicationView | null {
  if (!clock) return null;
  return {
    class: clock.class,
    derivedClass: clock.derivedClass,
    reasons: clock.reasons,
    overrideReason: clock.overrideReason,
    ruleVersion: clock.ruleVersion,
    publishedByDefault: clock.publishedByDefault,
    publicationEnds: clock.publicationEnds,
    earliestRepair: clock.earliestRepair,
    ruleEffectiveFrom: ruleEffectiveFrom(clock.ruleVersion),
  };
}

function ruleEffectiveFrom(version: string): string | undefined {
  try {
    return getRuleTable(version).effectiveFrom;
  } catch {
    return undefined;
  }
}

/**
 * A person's ID number (身份证, passport, 通行证 …) is masked wherever a record is
 * listed: every subject code that is not a 统一社会信用代码 (failing closed).
 */
export function summaryView(row: RecordRow): RecordSummary {
  const isPerson = row.subjectCode !== null && row.subjectCodeType !== 'uscc';
  return {
    recordId: row.id,
    category: row.category,
    subjectId: row.subjectId,
    subjectName: row.subjectName,
    subjectCode: row.subjectCode && isPerson ? maskIdNumber(row.subjectCode) : row.subjectCode,
    decisionNo: row.decisionNo,
    decisionDate: row.decisionDate,
    state: row.state,
    version: row.version,
    publicationEnds: row.publicationEnds,
    openMarks: row.openMarks,
    updatedAt: row.updatedAt,
  };
}
