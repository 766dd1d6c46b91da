/**
 * Human-readable output: Chinese labels and tables aligned for terminals, where
 * a CJK character takes two columns.
 */
import { zonedDateTime } from '../contract/zone';
import type { Role } from '../contract/roles';

export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  clerk: '录入员',
  approver: '审核人',
  archivist: '档案员',
  auditor: '审计员',
};

export function roleList(roles: readonly Role[]): string {
  return roles.map((r) => `${ROLE_LABELS[r] ?? r}(${r})`).join('、');
}

// East Asian Wide and Fullwidth ranges (Unicode UAX #11), enough for Chinese text.
const WIDE =
  /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{1F300}-\u{1F64F}\u{1F900}-\u{1F9FF}\u{20000}-\u{3FFFD}]/u;
const ZERO_WIDTH = /[\p{Mn}\p{Me}\u200B-\u200F\uFEFF]/u;

/** Terminal columns a string occupies. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    if (ZERO_WIDTH.test(ch)) continue;
    width += WIDE.test(ch) ? 2 : 1;
  }
  return width;
}

export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** A plain-text table: header, a rule, then rows; columns separated by two spaces. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : padEnd(c, widths[i])))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** "label：value" lines with the values aligned. */
export function fields(pairs: [string, string][]): string {
  const width = Math.max(...pairs.map(([label]) => displayWidth(label)));
  return pairs.map(([label, value]) => `${padEnd(label, width)}  ${value}`).join('\n');
}

/** Date and time in the department's zone, "2025-01-31 14:05". */
export function localTime(iso: string | null): string {
  if (!iso) return '—';
  return zonedDateTime(iso, 'minute');
}

/**
 * Chinese wording for the contract's input rules, by field path. The core's
 * schema messages are codes or English (the UI maps them the same way).
 */
const FIELD_RULES: Record<string, string> = {
  'department.name': '单位名称应为 2–100 个字',
  'department.uscc': '统一社会信用代码应为 18 位',
  'department.regionCode': '行政区划代码应为 6 位数字',
  'department.contactPerson': '联系人不能超过 64 个字',
  'department.contactPhone': '联系电话不能超过 32 位',
  login: '登录名格式不正确：须以小写字母开头，2–32 位，只能包含小写字母、数字和 . _ -',
  name: '姓名应为 1–64 个字',
  roles: '角色不正确',
  recoveryCode: '恢复码不能为空',
};

export function describeIssue(path: readonly string[], message: string): string {
  const last = path[path.length - 1] ?? '';
  // The contract's own Chinese messages say what is wrong with a password.
  if (/password/i.test(last)) return message;
  return FIELD_RULES[path.join('.')] ?? FIELD_RULES[last] ?? message;
}
