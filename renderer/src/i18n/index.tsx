/**
 * A tiny i18n: flat message catalogues, `t(key, params)` and a React context.
 * zh-CN is the default; the choice is remembered in localStorage.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { ErrorCode, Role } from '../../../electron/contract';
import { actionLabel } from '../../../electron/contract/audit';
import { ApiError } from '../api/client';
import { enUS } from './en-US';
import { zhCN, type MessageKey, type Messages } from './zh-CN';

export type { MessageKey, Messages } from './zh-CN';

export const LOCALES = ['zh-CN', 'en-US'] as const;
export type Locale = (typeof LOCALES)[number];

const catalogs: Record<Locale, Messages> = { 'zh-CN': zhCN, 'en-US': enUS };

// Every error code and role has a Chinese message: these fail to compile when one is missing.
const _errorKeys: Record<`error.${ErrorCode}`, string> = zhCN;
const _roleKeys: Record<`role.${Role}`, string> = zhCN;
void _errorKeys;
void _roleKeys;

/**
 * An action's name for people (the audit trail), from the contract's labels
 * (electron/contract/audit.ts: every method has one); an unknown name shows as it is.
 */
export function methodLabel(locale: Locale, method: string): string {
  return actionLabel(method, locale === 'zh-CN' ? 'zh' : 'en');
}

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export function format(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function translator(locale: Locale): Translate {
  const messages = catalogs[locale];
  return (key, params) => format(messages[key] ?? zhCN[key] ?? key, params);
}

/** Seconds to wait from a THROTTLED error's details (at least 1). */
export function retryAfterSeconds(err: ApiError): number {
  const ms = (err.details as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
  return typeof ms === 'number' && ms > 0 ? Math.ceil(ms / 1000) : 1;
}

/**
 * The person-facing text for an error: the locale's message for its code, or
 * an override for this screen (e.g. WRONG_PASSWORD means "current password is
 * wrong" in the change-password dialog). The core's own message fills `{detail}`
 * and is the fallback for an unknown code.
 */
export function errorMessage(t: Translate, err: unknown, overrides?: Partial<Record<ErrorCode, MessageKey>>): string {
  if (err instanceof ApiError) {
    const key = overrides?.[err.code] ?? (`error.${err.code}` as MessageKey);
    if (!(key in zhCN)) return err.message;
    return t(key, { detail: err.message, seconds: err.code === 'THROTTLED' ? retryAfterSeconds(err) : '' });
  }
  return t('error.UNEXPECTED', { detail: err instanceof Error ? err.message : String(err) });
}

const STORAGE_KEY = 'creditDesk.locale';

function initialLocale(): Locale {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (stored && (LOCALES as readonly string[]).includes(stored)) return stored as Locale;
  } catch {
    // storage may be unavailable; the default applies
  }
  return 'zh-CN';
}

interface I18nValue {
  locale: Locale;
  setLocale(locale: Locale): void;
  t: Translate;
  /** `errorMessage` bound to the current locale. */
  errorText(err: unknown, overrides?: Partial<Record<ErrorCode, MessageKey>>): string;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // not remembered; harmless
    }
  }, []);
  const value = useMemo<I18nValue>(() => {
    const t = translator(locale);
    return { locale, setLocale, t, errorText: (err, overrides) => errorMessage(t, err, overrides) };
  }, [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
