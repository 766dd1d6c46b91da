/**
 * An audit entry in words people read: the action's name (contract/audit.ts),
 * the person by 姓名, the target as the UI names it (第 2 批 91350200776049653A-000002,
 * a record's 文书号, a person's 姓名) and the details as labelled text. The stored
 * entry is not changed: this is how it is shown (audit.list) and exported.
 */
import { actionLabel, type AuditEntryView } from '../../contract/audit';
import type { Role } from '../../contract/roles';
import { batchIdOf } from '../batches/format';
import { hasCategory, getCompiledCategory } from '../catalog/registry';
import { STATE_LABELS } from '../records/service';
import type { RecordState } from '../records/states';
import type { SqliteDatabase } from '../store/database';

export interface StoredEntry {
  seq: number;
  at: string;
  actor: string | null;
  method: string;
  target: string | null;
  outcome: AuditEntryView['outcome'];
  detail: string;
}

const ROLE_NAMES: Record<Role, string> = { admin: '系统管理员', clerk: '录入员', approver: '审核人', archivist: '档案员', auditor: '审计员' };

/** Labels of the keys the core writes into details (test/audit checks every key written has one). */
export const DETAIL_LABELS: Record<string, string> = {
  reason: '原因',
  sequence: '批次',
  operations: '操作数',
  key: '签名密钥指纹',
  state: '状态',
  overrides: '审核人放行',
  overrideRequested: '请审核人放行',
  baseVersion: '更正所依据的版本',
  code: '错误代码',
  message: '说明',
  roles: '角色',
  name: '姓名',
  before: '修改前',
  after: '修改后',
  rekeyed: '数据库已重新加密',
  fields: '显示的个人信息',
  count: '记录数',
  recordIds: '记录编号',
  skipped: '已撤回而跳过',
  batchId: '批次编号',
  results: '回执结果条数',
  fileName: '文件',
  imported: '新增',
  updated: '更新',
  duplicates: '重复（跳过）',
  rejected: '有错误的行',
  filters: '筛选条件',
  format: '格式',
  rows: '行数',
  idleLockMinutes: '无操作自动锁定（分钟）',
  from: '原名称',
  to: '新名称',
  recordId: '记录编号',
  requested: '要求生成',
  created: '已生成',
  seed: '随机种子',
  today: '基准日期',
  by: '生成人',
  byCategory: '按类别',
  byState: '按状态',
  subjects: '主体数',
  uscc: '统一社会信用代码',
  regionCode: '行政区划代码',
  contactPerson: '联系人',
  contactPhone: '联系电话',
  category: '类别',
  query: '查找',
  subjectId: '主体编号',
  actor: '操作人',
  method: '操作',
  outcome: '结果',
  added: '新增结果数',
  alreadyImported: '此前已导入的结果数',
  attempt: '尝试编号',
  auditHead: '审计日志位置',
  backup: '备份文件',
  bytes: '字节数',
  completedAtLogin: '登录时补完',
  createdAt: '创建时间',
  createdBy: '创建人',
  discardedInvalid: '丢弃的无效条目',
  fileDamaged: '文件已损坏',
  folder: '文件夹',
  idNumber: '按证件号码查询',
  intent: '未完成的操作',
  masked: '证件号码已遮盖',
  mustChangePassword: '须修改密码',
  notCopied: '未记入的条目',
  replaced: '替换',
  scheduled: '定时',
  signer: '签名人',
  signingKeysUnusable: '签名密钥不可用',
  size: '大小',
  source: '来源',
  total: '总数',
  unauthenticated: '未经认证（登录前记录）',
  via: '途径',
  personalData: '个人证件号码',
  rangeCount: '记录区段数',
  recordIdsSha256: '记录编号摘要',
  month: '月份',
};

/** Labels that differ by action: a department's `name` is its 单位名称. */
const DETAIL_LABELS_BY_ACTION: Record<string, Record<string, string>> = {
  'department.update': { name: '单位名称' },
  'audit.export': { from: '起始日期', to: '截止日期' },
  export: { from: '决定日期起', to: '决定日期止' },
};

/** Where an entry that was written before login came from (auth/attempts.ts). */
const SOURCES: Record<string, string> = {
  'attempts-file': '登录失败记录文件（数据库外）',
  'key-file': '密钥文件（旧版本记录）',
};

const REASON_CODES: Record<string, string> = {
  'wrong-password': '密码错误',
  'wrong-recovery-code': '恢复码错误',
  'user-disabled': '用户已停用',
};

const OUTCOMES: Record<string, string> = { ok: '成功', error: '失败', denied: '拒绝' };

const num = (n: number) => n.toLocaleString('en-US');

export class AuditDescriber {
  private readonly names = new Map<string, string | null>();
  private readonly targets = new Map<string, string | null>();
  private uscc: string | undefined;

  constructor(private readonly db: SqliteDatabase) {}

  /** A person's 姓名 (null when the login is not an account, e.g. a mistyped login). */
  personName(login: string | null): string | null {
    if (!login) return null;
    if (login === 'system') return '系统';
    if (!this.names.has(login)) {
      const row = this.db.prepare('SELECT name FROM users WHERE login = ?').get(login) as { name: string } | undefined;
      this.names.set(login, row?.name ?? null);
    }
    return this.names.get(login) ?? null;
  }

  private person(login: string): string {
    const name = this.personName(login);
    return name ? `${name}（${login}）` : login;
  }

  private categoryName(key: string): string {
    return hasCategory(key) ? getCompiledCategory(key).def.name : key;
  }

  targetLabel(target: string | null): string | null {
    if (!target) return null;
    if (!this.targets.has(target)) this.targets.set(target, this.resolveTarget(target));
    return this.targets.get(target) ?? target;
  }

  private resolveTarget(target: string): string | null {
    const at = target.indexOf(':');
    const kind = at < 0 ? target : target.slice(0, at);
    const id = at < 0 ? '' : target.slice(at + 1);
    const numeric = /^\d+$/.test(id) ? Number(id) : null;
    switch (kind) {
      case 'batch': {
        if (numeric === null) return null;
        const b = this.db.prepare('SELECT sequence, state FROM batches WHERE id = ?').get(numeric) as { sequence: number; state: string } | undefined;
        if (!b) return null;
        this.uscc ??= (this.db.prepare('SELECT uscc FROM department WHERE id = 1').get() as { uscc: string } | undefined)?.uscc ?? '';
        const note = b.state === 'returned' ? '（已退回的一次）' : b.state === 'cancelled' ? '（已撤销的一次）' : '';
        return `第 ${b.sequence} 批 ${batchIdOf(this.uscc, b.sequence)}${note}`;
      }
      case 'record': {
        if (numeric === null) return hasCategory(id) ? `${this.categoryName(id)}（新记录）` : null;
        const r = this.db.prepare('SELECT decision_no AS no, subject_name AS name FROM records WHERE id = ?').get(numeric) as { no: string; name: string } | undefined;
        return r ? `${r.no}（${r.name}）` : null;
      }
      case 'user':
        return this.person(id);
      case 'subject': {
        if (numeric === null) return null;
        const s = this.db.prepare('SELECT name FROM subjects WHERE id = ?').get(numeric) as { name: string } | undefined;
        return s?.name ?? null;
      }
      case 'department':
        return `单位信息（${id}）`;
      case 'settings':
        return '系统设置';
      case 'records':
        return '信用记录';
      case 'batches':
        return '报送批次';
      case 'rules':
        return `公示规则 ${id}`;
      case 'export':
        return `${this.categoryName(id)}记录`;
      default:
        return null;
    }
  }

  /** One detail value as text. */
  private value(key: string, v: unknown, method: string): string {
    if (v === null || v === undefined || v === '') return '—';
    if (typeof v === 'boolean') return v ? '是' : '否';
    if (key === 'roles' && Array.isArray(v)) return v.map((r) => ROLE_NAMES[r as Role] ?? String(r)).join('、');
    if ((key === 'before' || key === 'after') && Array.isArray(v) && method === 'users.setRoles') return this.value('roles', v, method);
    if (key === 'sequence' && typeof v === 'number') return `第 ${v} 批`;
    if (key === 'baseVersion' && typeof v === 'number') return `第 ${v} 版`;
    if (key === 'state' && typeof v === 'string') return STATE_LABELS[v as RecordState] ?? v;
    if (key === 'reason' && typeof v === 'string' && REASON_CODES[v]) return REASON_CODES[v];
    if (key === 'source' && typeof v === 'string' && SOURCES[v]) return SOURCES[v];
    // Exported records as id ranges [from, to] (records/io-handlers.ts).
    if (key === 'recordIds' && Array.isArray(v) && v.every((x) => Array.isArray(x) && x.length === 2)) {
      return (v as [number, number][]).map(([a, b]) => (a === b ? `${a}` : `${a}–${b}`)).join('、');
    }
    if (key === 'personalData' && typeof v === 'string') return v === 'clear' ? '完整显示' : v === 'masked' ? '已遮盖' : v;
    if (key === 'category' && typeof v === 'string') return this.categoryName(v);
    if (key === 'outcome' && typeof v === 'string') return OUTCOMES[v] ?? v;
    if (key === 'method' && typeof v === 'string') return actionLabel(v);
    if (key === 'actor' && typeof v === 'string') return this.person(v);
    if (key === 'fields' && Array.isArray(v)) return `${v.length} 项`;
    if (key === 'overrides' && typeof v === 'number') return v === 0 ? '无' : `${v} 项`;
    if (key === 'format' && typeof v === 'string') return v === 'csv' ? 'CSV（.csv）' : v === 'xlsx' ? 'Excel（.xlsx）' : v;
    if (typeof v === 'number') return num(v);
    if (Array.isArray(v)) {
      const shown = v.slice(0, 20).map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x)));
      return v.length > 20 ? `${shown.join('、')} 等 ${num(v.length)} 项` : shown.join('、');
    }
    if (typeof v === 'object') {
      const o = v as Record<string, unknown>;
      // Counts keyed by category or state: names, not keys.
      if (key === 'byCategory') return Object.entries(o).map(([k, n]) => `${this.categoryName(k)} ${this.value('n', n, method)}`).join('；');
      if (key === 'byState') return Object.entries(o).map(([k, n]) => `${STATE_LABELS[k as RecordState] ?? k} ${this.value('n', n, method)}`).join('；');
      return this.items(o, method)
        .map((i) => `${i.label} ${i.value}`)
        .join('；');
    }
    return String(v);
  }

  private items(detail: Record<string, unknown>, method: string): { label: string; value: string }[] {
    const labels = { ...DETAIL_LABELS, ...DETAIL_LABELS_BY_ACTION[method] };
    return Object.entries(detail)
      .filter(([, v]) => v !== undefined)
      .map(([key, v]) => ({ label: labels[key] ?? key, value: this.value(key, v, method) }));
  }

  details(method: string, detail: unknown): { label: string; value: string }[] {
    if (detail === null || detail === undefined) return [];
    if (typeof detail !== 'object' || Array.isArray(detail)) return [{ label: '详情', value: this.value('', detail, method) }];
    return this.items(detail as Record<string, unknown>, method);
  }

  describe(e: StoredEntry): AuditEntryView {
    const detail = JSON.parse(e.detail) as unknown;
    return {
      seq: e.seq,
      at: e.at,
      actor: e.actor,
      actorName: this.personName(e.actor),
      method: e.method,
      actionLabel: actionLabel(e.method),
      target: e.target,
      targetLabel: this.targetLabel(e.target),
      outcome: e.outcome,
      detail,
      details: this.details(e.method, detail),
    };
  }
}
