/**
 * The shared-list file `credit-desk-list/1` (docs/list-format.md): the mirror image
 * of our batch file, so a platform produces both with one toolkit. The same archive
 * layout (manifest.json, manifest.sig, signer.pem, then the data member), the same
 * SM2/SM3 signature and member digests; this file holds what is particular to lists:
 * the manifest's fields and the rules for one entry of data/entries.jsonl, shared by
 * `list pack` (which refuses to sign a bad entry) and the import (which refuses a list
 * holding one).
 */
import { LIST_TYPES, MATTERS, type ListEffect, type Matter } from '../../contract/checks';
import type { ManifestMember } from '../batches/format';
import { checkIdCard, isRealDate, maskIdNumber } from '../identifiers/idcard';
import { checkUscc } from '../identifiers/uscc';
import { normalizeName } from '../search/grams';

export const LIST_FORMAT = 'credit-desk-list';
export const LIST_FORMAT_VERSION = 1;
export const ENTRIES = 'data/entries.jsonl';

export interface ListManifest {
  format: typeof LIST_FORMAT;
  formatVersion: number;
  listId: string;
  name: string;
  /** The issuing authority (发布单位). */
  issuer: string;
  listType: string;
  version: number;
  /** The list's date, YYYY-MM-DD. */
  date: string;
  count: number;
  signed: { at: string; keyFingerprint: string };
  members: ManifestMember[];
}

/** One measure of an entry: a name, with the matters it applies to when the list says so. */
export type EntryMeasure = string | { measure: string; matters: Matter[] };

export interface ListEntry {
  name: string;
  code: string | null;
  listType: string;
  basis: string;
  listedOn: string;
  expires: string | null;
  measures: EntryMeasure[];
}

export function listEffect(listType: string): ListEffect | undefined {
  return LIST_TYPES.find((t) => t.name === listType)?.effect;
}

export const LIST_TYPE_NAMES = LIST_TYPES.map((t) => t.name);

/** Why a value is not a list field; null when it is fine. */
export function listTypeProblem(listType: unknown): string | null {
  if (typeof listType !== 'string' || !listEffect(listType)) {
    return `名单类型应为以下之一：${LIST_TYPE_NAMES.join('、')}（实为 ${JSON.stringify(listType)}）`;
  }
  return null;
}

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isYmd(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = YMD.exec(s);
  return m !== null && isRealDate(+m[1], +m[2], +m[3]);
}

/** Codes as stored and compared: upper case, no spaces. */
export function normalizeCode(code: string): string {
  return code.replace(/\s+/g, '').toUpperCase();
}

/**
 * A code as shown: a 统一社会信用代码 in clear, anything else (an ID number, a
 * passport number …) masked: masking fails closed.
 */
export function displayCode(code: string | null): string | null {
  if (!code) return null;
  if (checkIdCard(code).ok || !checkUscc(code).ok) return maskIdNumber(code);
  return code;
}

export class EntryProblem extends Error {}

function field(raw: Record<string, unknown>, key: string, what: string, max: number, required: boolean): string | null {
  const v = raw[key];
  if (v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) {
    if (required) throw new EntryProblem(`缺少 ${key}（${what}）`);
    return null;
  }
  if (typeof v !== 'string') throw new EntryProblem(`${key}（${what}）应为字符串`);
  if (v.length > max) throw new EntryProblem(`${key}（${what}）超过 ${max} 个字符`);
  return v.trim();
}

function measure(raw: unknown, i: number): EntryMeasure {
  if (typeof raw === 'string') {
    if (raw.trim() === '' || raw.length > 100) throw new EntryProblem(`measures 第 ${i + 1} 项应为 1–100 个字符`);
    return raw.trim();
  }
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    const m = raw as { measure?: unknown; matters?: unknown };
    if (typeof m.measure !== 'string' || m.measure.trim() === '' || m.measure.length > 100) {
      throw new EntryProblem(`measures 第 ${i + 1} 项的 measure 应为 1–100 个字符`);
    }
    if (!Array.isArray(m.matters) || m.matters.length === 0 || m.matters.some((x) => !(MATTERS as readonly unknown[]).includes(x))) {
      throw new EntryProblem(`measures 第 ${i + 1} 项的 matters 应为以下事项的非空列表：${MATTERS.join('、')}`);
    }
    return { measure: m.measure.trim(), matters: [...new Set(m.matters as Matter[])] };
  }
  throw new EntryProblem(`measures 第 ${i + 1} 项应为措施名称，或 {"measure", "matters"}`);
}

/**
 * One line of data/entries.jsonl, checked: an object with a name, an optional code
 * (统一社会信用代码 or ID number), a known list type, a basis, dates YYYY-MM-DD
 * (expires null or not before listedOn) and its measures. Throws EntryProblem.
 */
export function parseEntry(line: string): ListEntry {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    throw new EntryProblem('不是有效的 JSON');
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new EntryProblem('应为一个 JSON 对象');
  const r = raw as Record<string, unknown>;
  const name = field(r, 'name', '名称', 200, true)!;
  const rawCode = field(r, 'code', '统一社会信用代码或证件号码', 40, false);
  const code = rawCode === null ? null : normalizeCode(rawCode);
  if (code !== null && !/^[0-9A-Z()-]{4,40}$/.test(code)) throw new EntryProblem(`code 含有不允许的字符：${JSON.stringify(rawCode)}`);
  const listType = field(r, 'listType', '名单类型', 50, true)!;
  const typeProblem = listTypeProblem(listType);
  if (typeProblem) throw new EntryProblem(`listType：${typeProblem}`);
  const basis = field(r, 'basis', '认定依据', 2000, true)!;
  if (!isYmd(r.listedOn)) throw new EntryProblem('listedOn（列入日期）应为 YYYY-MM-DD 的真实日期');
  const listedOn = r.listedOn;
  let expires: string | null = null;
  if (r.expires !== null && r.expires !== undefined && r.expires !== '') {
    if (!isYmd(r.expires)) throw new EntryProblem('expires（有效期至）应为 YYYY-MM-DD 的真实日期或 null');
    if (r.expires < listedOn) throw new EntryProblem(`expires（${r.expires}）早于 listedOn（${listedOn}）`);
    expires = r.expires;
  }
  if (!Array.isArray(r.measures)) throw new EntryProblem('measures（惩戒或激励措施）应为数组');
  if (r.measures.length > 50) throw new EntryProblem('measures 最多 50 项');
  return { name, code, listType, basis, listedOn, expires, measures: r.measures.map(measure) };
}

/** The two keys a check looks an entry up by. */
export function entryKeys(entry: ListEntry): { code: string; nameKey: string } {
  return { code: entry.code ?? '', nameKey: normalizeName(entry.name) };
}

/** The exact bytes signed: two-space indented JSON and a final newline (as batches). */
export function serializeListManifest(m: ListManifest): Buffer {
  return Buffer.from(`${JSON.stringify(m, null, 2)}\n`, 'utf8');
}

/**
 * The manifest's own fields, checked after its signature: refuses a manifest that
 * is not a list or lacks what the import relies on. Returns a reason, or null.
 */
export function listManifestProblem(m: unknown): string | null {
  const x = m as Partial<ListManifest> | null;
  if (!x || typeof x !== 'object') return 'manifest.json 不是 JSON 对象';
  if (x.format !== LIST_FORMAT) return `manifest.json 不是共享名单清单（format 应为 ${LIST_FORMAT}，实为 ${JSON.stringify(x.format)}）`;
  if (x.formatVersion !== LIST_FORMAT_VERSION) return `不支持的名单格式版本：${JSON.stringify(x.formatVersion)}（本程序读取第 ${LIST_FORMAT_VERSION} 版）`;
  if (typeof x.listId !== 'string' || !/^[\p{L}\p{N}._:/-]{1,100}$/u.test(x.listId)) return 'manifest.json 的 listId 应为 1–100 个字母、数字或 . _ : / -';
  if (typeof x.name !== 'string' || x.name.trim() === '' || x.name.length > 200) return 'manifest.json 缺少 name（名单名称）';
  if (typeof x.issuer !== 'string' || x.issuer.trim() === '' || x.issuer.length > 200) return 'manifest.json 缺少 issuer（发布单位）';
  const typeProblem = listTypeProblem(x.listType);
  if (typeProblem) return `manifest.json 的 listType：${typeProblem}`;
  if (!Number.isSafeInteger(x.version) || (x.version as number) < 1) return 'manifest.json 的 version 应为正整数';
  if (!isYmd(x.date)) return 'manifest.json 的 date 应为 YYYY-MM-DD';
  if (!Number.isSafeInteger(x.count) || (x.count as number) < 0) return 'manifest.json 的 count 应为非负整数';
  if (!Array.isArray(x.members) || x.members.length !== 1 || x.members[0]?.path !== ENTRIES) return `manifest.json 的 members 应恰好列出 ${ENTRIES}`;
  return null;
}
