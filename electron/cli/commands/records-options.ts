/**
 * What the record commands (import, search, export) share: the category and
 * filter options, their checks before any password is asked for, Chinese state
 * names, and a progress line on a terminal.
 */
import { RECORD_STATE_NAMES, type RecordStateName } from '../../contract/records';
import type { ProgressEvent } from '../../contract/types';
import { BUILT_IN_CATEGORIES } from '../../core/catalog/categories/built-in';
import type { Args, OptionSpec } from '../args';
import { usage } from '../errors';
import type { CliIo } from '../io';

export const STATE_LABELS: Record<RecordStateName, string> = {
  draft: '草稿',
  pending: '待报送',
  reported: '已报送',
  accepted: '已接收',
  rejected: '被退回',
  published: '公示中',
  expired: '公示期满',
  withdrawn: '已撤回',
  repaired: '已修复',
};

// The shipped categories as plain data: naming them needs no compiled catalogue (help starts at once).
const listCategories = () => BUILT_IN_CATEGORIES;

const categoryList = () =>
  listCategories()
    .map((c) => `${c.key}（${c.name}）`)
    .join('、');

export const CATEGORY_OPTION = {
  type: 'string',
  value: '类别',
  description: `信用信息类别：${categoryList()}`,
} as const satisfies OptionSpec;

export const FILTER_OPTIONS = {
  state: {
    type: 'string',
    value: '状态',
    description: `只要此状态的记录（英文或中文名称）：${RECORD_STATE_NAMES.map((s) => `${s}（${STATE_LABELS[s]}）`).join('、')}`,
  },
  from: { type: 'string', value: 'YYYY-MM-DD', description: '决定日期（许可/处罚决定日期、列入日期、承诺日期）不早于此日' },
  to: { type: 'string', value: 'YYYY-MM-DD', description: '决定日期不晚于此日' },
} as const satisfies Record<string, OptionSpec>;

export const QUERY_ARGUMENT = {
  name: 'query',
  value: '查询词',
  description: '主体名称中的任意 2 个及以上连续的字，或统一社会信用代码、证件号码、决定书文号的开头部分',
} as const;

/** The category key, checked against the catalogue (usage error listing the categories). */
export function categoryOf(value: string): string {
  const key = value.trim();
  const found = listCategories().find((c) => c.key === key || c.name === key);
  if (!found) throw usage(`未知的类别：${value}。可用的类别：${categoryList()}`);
  return found.key;
}

export function categoryName(key: string): string {
  return listCategories().find((c) => c.key === key)?.name ?? key;
}

/** A state given in English (`pending`) or Chinese (`待报送`). */
export function stateOf(value: string): RecordStateName {
  const v = value.trim();
  const found = RECORD_STATE_NAMES.find((s) => s === v.toLowerCase() || STATE_LABELS[s] === v);
  if (!found) throw usage(`未知的状态：${value}。可用的状态：${RECORD_STATE_NAMES.map((s) => `${s}（${STATE_LABELS[s]}）`).join('、')}`);
  return found;
}

/** A real calendar date written YYYY-MM-DD. */
export function dateOf(option: string, value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !d || d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) {
    throw usage(`选项 --${option} 应为 YYYY-MM-DD 格式的真实日期：${value}`);
  }
  return value.trim();
}

/** A whole number option within [min, max]. */
export function integerOf(option: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().replace(/[,_]/g, '');
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
    throw usage(`选项 --${option} 应为 ${min.toLocaleString('en')} 到 ${max.toLocaleString('en')} 之间的整数：${value}`);
  }
  return Number(v);
}

/** The filters common to search and export, checked. */
export function filtersOf(args: Args<'state' | 'from' | 'to'>): { state?: RecordStateName; from?: string; to?: string } {
  const state = args.get('state');
  const from = args.get('from');
  const to = args.get('to');
  const out = {
    ...(state !== undefined ? { state: stateOf(state) } : {}),
    ...(from !== undefined ? { from: dateOf('from', from) } : {}),
    ...(to !== undefined ? { to: dateOf('to', to) } : {}),
  };
  if (out.from && out.to && out.from > out.to) throw usage(`--from（${out.from}）不能晚于 --to（${out.to}）。`);
  return out;
}

/**
 * A progress line on stderr when it is a terminal (redrawn at most ten times a
 * second, erased at the end); nothing otherwise, so pipes and logs stay clean.
 */
export function progressLine(io: CliIo, describe: (event: ProgressEvent) => string): { onProgress?: (event: ProgressEvent) => void; end(): void } {
  if (io.stderr.isTTY !== true) return { end: () => undefined };
  let last = 0;
  let shown = false;
  return {
    onProgress(event) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      shown = true;
      io.stderr.write(`\r\x1b[K${describe(event)}`);
    },
    end() {
      if (shown) io.stderr.write('\r\x1b[K');
    },
  };
}

/**
 * 12,345. Integers are grouped by hand: the first toLocaleString call starts ICU's number
 * formatting (about 30 ms), and option descriptions call this while the command table loads.
 */
export const count = (n: number) => (Number.isInteger(n) ? String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',') : n.toLocaleString('en'));
