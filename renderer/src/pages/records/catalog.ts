/**
 * The catalogue (categories, fields, code lists) for the record screens. It is
 * the same for the whole session, so it is fetched once and shared.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Catalog, CatalogCategory, CatalogCodeList, CatalogField, FieldValue, RecordStateName } from '../../../../electron/contract';
import { RECORD_STATE_NAMES } from '../../../../electron/contract';
import { call } from '../../api/client';
import { useI18n, type Locale, type MessageKey } from '../../i18n';

let shared: Promise<Catalog> | null = null;
/** The catalogue once it has arrived, so later screens render with it at once. */
let loaded: Catalog | undefined;

function load(): Promise<Catalog> {
  if (!shared) {
    shared = call('catalog.get');
    shared.then(
      (catalog) => {
        loaded = catalog;
      },
      () => {
        shared = null; // the next screen tries again
      },
    );
  }
  return shared;
}

/** The catalogue in the `useCall` shape (data, error, loading, reload), fetched once per window. */
export function useCatalog() {
  const [state, setState] = useState<{ data: Catalog | undefined; error: unknown; loading: boolean }>(() => ({
    data: loaded,
    error: null,
    loading: loaded === undefined,
  }));
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error: unknown) => live && setState({ data: undefined, error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [nonce]);
  const reload = useCallback(() => {
    setState((s) => ({ ...s, error: null, loading: true }));
    setNonce((n) => n + 1);
  }, []);
  return { ...state, reload };
}

export function categoryName(category: CatalogCategory | undefined, locale: Locale, fallback = ''): string {
  if (!category) return fallback;
  return locale === 'zh-CN' ? category.name : category.nameEn;
}

export function fieldLabel(field: CatalogField | undefined, locale: Locale, fallback = ''): string {
  if (!field) return fallback;
  return locale === 'zh-CN' ? field.label : field.labelEn;
}

/** Names from the catalogue in the person's language; keys/codes until it is loaded. */
export function useCatalogNames() {
  const { locale } = useI18n();
  const { data } = useCatalog();
  const category = useCallback(
    (key: string) => categoryName(data?.categories.find((c) => c.key === key), locale, key),
    [data, locale],
  );
  const field = useCallback(
    (categoryKey: string, code: string) => {
      const c = data?.categories.find((x) => x.key === categoryKey);
      return fieldLabel(c?.fields.find((f) => f.code === code), locale, code);
    },
    [data, locale],
  );
  return { catalog: data, category, field };
}

export const STATE_KEYS: Record<RecordStateName, MessageKey> = {
  draft: 'records.state.draft',
  pending: 'records.state.pending',
  reported: 'records.state.reported',
  accepted: 'records.state.accepted',
  rejected: 'records.state.rejected',
  published: 'records.state.published',
  expired: 'records.state.expired',
  withdrawn: 'records.state.withdrawn',
  repaired: 'records.state.repaired',
};

export function isRecordState(value: string | undefined): value is RecordStateName {
  return value !== undefined && (RECORD_STATE_NAMES as readonly string[]).includes(value);
}

/** A stored value as text: code lists joined with 、, empty as null. */
export function valueText(value: FieldValue | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.length ? value.join('、') : null;
  return value === '' ? null : value;
}

/** A code as the form shows it: `有效（1）` where the list names a code, the value alone where the name is the value. */
function codeText(list: CatalogCodeList | undefined, value: string): string {
  const item = list?.items.find((i) => i.value === value);
  return item && item.label !== item.value ? `${item.label}（${item.value}）` : value;
}

/**
 * A stored value in words wherever a record is read (detail, batch review, history):
 * coded values by their names, lists joined with 、, empty as null.
 */
export function displayValue(catalog: Catalog | undefined, category: string, field: string, value: FieldValue | undefined): string | null {
  const def = catalog?.categories.find((c) => c.key === category)?.fields.find((f) => f.code === field);
  if (!def?.codeList || value === null || value === undefined) return valueText(value);
  const list = catalog?.codeLists.find((l) => l.key === def.codeList);
  const values = Array.isArray(value) ? value : def.kind === 'multi-code' ? value.split(/[;；、]/).filter(Boolean) : [value];
  return values.length ? values.map((v) => codeText(list, v)).join('、') : null;
}

/** `displayValue` bound to the catalogue of this window. */
export function useDisplayValue() {
  const { data } = useCatalog();
  return useCallback((category: string, field: string, value: FieldValue | undefined) => displayValue(data, category, field, value), [data]);
}

/** Category keys in the catalogue's order (the order every screen lists categories in). */
export function useCategoryOrder() {
  const { data } = useCatalog();
  return useCallback(
    (keys: Iterable<string>) => {
      const order = (data?.categories ?? []).map((c) => c.key);
      const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
      return [...keys].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    },
    [data],
  );
}

/** States whose content may still be corrected (the core decides; this only hides the button). */
export const EDITABLE_STATES: readonly RecordStateName[] = ['draft', 'pending', 'reported', 'accepted', 'rejected', 'published'];
