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
import { CASE_KIND_LABELS, CHANNEL_LABELS, OUTCOME_LABELS, formatSize } from '../cases/labels';
import { generationsFor } from '../catalog/generations';
import { listCategories } from '../catalog/registry';
import { ruleName } from '../catalog/generations/names';
import type { RecordState } from '../records/states';
import type { SqliteDatabase } from '../store/database';
import { orm } from '../store/orm';
import { eq } from 'drizzle-orm';
import { auditLog, batches, cases, creditChecks, department, listKeys, records, ruleTables, sharedLists, signingKeys, subjects, users } from '../../../drizzle/schema';

/** An entry as the trail stores it (the chain's hashes left out). */
export type StoredEntry = Omit<typeof auditLog.$inferSelect, 'prevHash' | 'hash'>;

const ROLE_NAMES: Record<Role, string> = { admin: '系统管理员', clerk: '录入员', approver: '审核人', archivist: '档案员', auditor: '审计员' };

/** Labels of the keys the core writes into details (test/audit checks every key written has one). */
export const DETAIL_LABELS: Record<string, string> = {
  // cases and letters (issue 17)
  caseNo: '案件号',
  item: '材料',
  items: '需补正的材料',
  supplyBy: '补正期限',
  received: '收到日期',
  servedTo: '受送达人',
  letterId: '文书编号',
  date: '日期',
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
  timeZone: '时区',
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
  shortName: '机关代字',
  // the warnings' thresholds (statistics.configureWarnings)
  recordsDueWithinWorkingDays: '记录距报送期限不足（工作日）',
  casesDueWithinWorkingDays: '案件距办理期限不足（工作日）',
  rejectionRiseMargin: '退回率高出前三个月（百分点）',
  rejectionMinAnswered: '至少已有回执的操作数',
  listMaxAgeDays: '共享名单未更新的天数上限',
  backupMaxAgeDays: '未备份的天数上限',
  reconsiderationBody: '行政复议机关',
  court: '人民法院',
  docNoPatterns: '发文字号格式',
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
  // issue 18 (trust2)
  found: '找到',
  fileCompared: '比对了文件',
  matches: '文件一致',
  // restore (keeps disabled accounts out, counts what it discards)
  discarded: '丢弃的备份后改动',
  records: '信用记录',
  recordVersions: '记录版本',
  batches: '批次',
  cases: '案件',
  auditEntries: '审计日志中的改动',
  otherAuditEntries: '其他审计记录',
  keptDisabled: '保持停用的账户',
  trailMismatchReason: '日志不一致仍恢复的理由',
  setAside: '改名保留的原有文件',
  currentMatchedAtBackupHead: '原日志在备份位置一致',
  whileLoggedIn: '登录后恢复',
  batchesAfterBackup: '备份后的批次',
  // receipts
  signed: '有平台签名',
  keyFingerprint: '签名公钥指纹',
  // the attempts file
  droppedStale: '早于该账户上次登录而丢弃的条目',
  droppedFuture: '时间在将来而丢弃的条目',
  fileTooLarge: '文件过大未读取',
  // searches by ID number
  idKey: '证件号码摘要',
  burst: '超过查询上限',
  distinct: '不同号码数',
  limit: '上限',
  minutes: '时间窗（分钟）',
  searchReason: '查询理由',
  idSearchBurst: '按身份证号查询的上限',
  demo: '演示账户',
  // Cases, prints, checks, lists, imports, receipts (issue 19: every key the core writes).
  printNo: '打印编号',
  kind: '种类',
  pages: '页数',
  sm3: 'SM3 摘要',
  sha256: 'SHA-256 摘要',
  attachmentId: '附件编号',
  set: '更正内容',
  channel: '收件渠道',
  attachments: '附件',
  measure: '采取的措施',
  note: '备注',
  matter: '核查事项',
  subject: '核查对象',
  hits: '发现的记录数',
  checks: '核查人数',
  withHits: '有记录的人数',
  label: '公钥名称',
  fingerprint: '公钥指纹',
  entries: '条目数',
  version: '版本',
  manifestSm3: '清单摘要（SM3）',
  receiptSm3: '回执摘要（SM3）',
  generation: '表格格式',
  alreadyReported: '已在平台公示过的历史记录',
  queued: '排入待报送的操作',
  history: '历史记录',
  inferred: '按规则补全',
  unmasked: '完整显示证件号码',
  listId: '名单编号',
  hash: '哈希',
  seq: '序号',
  of: '预览的文书',
  unmaskReason: '完整显示证件号码的理由',
  month: '月份',
};

/** Keys kept in the stored entry that mean nothing to a reader (internal correlation ids). */
const HIDDEN_KEYS = new Set(['intent', 'attempt']);

/** Labels that differ by action: a department's `name` is its 单位名称. */
const DETAIL_LABELS_BY_ACTION: Record<string, Record<string, string>> = {
  'department.update': { name: '单位名称' },
  'checks.run': { code: '代码', kind: '按什么核查' },
  'cases.register': { kind: '案件类型' },
  'cases.answer': { method: '答复方式', date: '答复日期' },
  'cases.serveLetter': { method: '送达方式', date: '送达日期', to: '受送达人' },
  'settings.update': { count: '不同证件号码数上限' },
  'subjects.search': { hits: '找到的主体数' },
  'cases.propose': { outcome: '处理意见' },
  'cases.approve': { outcome: '处理意见' },
  'print.creditFile': { kind: '文书' },
  'print.batchSheet': { kind: '文书' },
  'print.keySheet': { kind: '文书' },
  'print.letter': { kind: '文书' },
  'print.checkResult': { kind: '文书' },
  'users.disable': { generation: '密钥文件版本' },
  'backup.restore': { generation: '密钥文件版本' },
  'lists.import': { name: '名单名称', replaced: '替换的版本' },
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
  'id-search-burst': '按身份证号查询超过上限，未说明理由',
  'unsigned-receipt': '未签名的回执（须审核人确认）',
};

const OUTCOMES: Record<string, string> = { ok: '成功', error: '失败', denied: '拒绝' };

/** Error codes in words (contract/errors.ts). */
const ERROR_WORDS: Record<string, string> = {
  BAD_INPUT: '输入有误',
  UNKNOWN_METHOD: '未知的操作',
  NOT_INITIALIZED: '尚未建立工作台',
  ALREADY_INITIALIZED: '工作台已建立',
  NOT_LOGGED_IN: '未登录',
  LOCKED: '已锁定',
  FORBIDDEN: '无权限',
  WRONG_PASSWORD: '密码错误',
  THROTTLED: '尝试次数过多',
  USER_DISABLED: '用户已停用',
  USER_EXISTS: '用户已存在',
  NOT_FOUND: '找不到',
  WRONG_RECOVERY_CODE: '恢复码错误',
  LAST_ADMIN: '最后一名管理员',
  DB_NEWER_VERSION: '数据库版本较新',
  DB_CORRUPT: '数据库已损坏',
  KEY_FILE_MISSING: '缺少密钥文件',
  DATABASE_MISSING: '缺少数据库文件',
  BUSY: '另一程序正在使用',
  PASSWORD_CHANGE_REQUIRED: '须先修改密码',
  CANCELLED: '已取消',
  INVALID_RECORD: '记录未通过校验',
  DUPLICATE: '重复',
  CONFLICT: '记录已被他人修改',
  BAD_FILE: '文件有误',
  PRINT_FAILED: '打印失败',
  INTERNAL: '内部错误',
  STORAGE_UNAVAILABLE: '数据库文件无法读写',
  CASE_OPEN: '有未办结的案件',
  CONFIRMATION_REQUIRED: '须确认',
  REASON_REQUIRED: '须说明理由',
};

const PRINT_KINDS: Record<string, string> = {
  'credit-file': '信用档案',
  'batch-sheet': '批次审核单',
  'key-sheet': '签名公钥登记表',
  letter: '案件文书',
  'check-result': '信用核查结果',
  'case-sheet': '案件审批表',
  manual: '用户手册',
  'monthly-report': '月度报送情况',
};

const CHECK_KINDS: Record<string, string> = { uscc: '统一社会信用代码', id: '身份证号', name: '名称' };

const RULE_FAMILIES: Record<string, string> = { 'penalty-publication': '公示期限规则', 'case-rules': '案件规则', 'work-calendar': '工作日历' };

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
      const row = orm(this.db).select({ name: users.name }).from(users).where(eq(users.login, login)).get();
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

  targetLabel(target: string | null, detail?: unknown): string | null {
    if (!target) return null;
    // An import is named by its file (the same target serves every import of a category).
    if (target.startsWith('import:')) {
      const file = (detail as { fileName?: unknown } | null)?.fileName;
      const category = this.categoryName(target.slice('import:'.length));
      return typeof file === 'string' ? `${category}导入：${file}` : `${category}导入`;
    }
    if (!this.targets.has(target)) this.targets.set(target, this.resolveTarget(target));
    return this.targets.get(target) ?? null;
  }

  /** A field code (CF_NR_FK) by its label in whichever category has it. */
  private fieldLabel(code: string): string {
    for (const c of listCategories()) {
      const f = getCompiledCategory(c.key).def.fields.find((x) => x.code === code);
      if (f) return f.label;
    }
    return code;
  }

  private generationName(key: string): string {
    for (const c of listCategories()) {
      const g = generationsFor(c.key).find((x) => x.key === key);
      if (g) return g.name;
    }
    return key;
  }

  private ruleLabel(id: string): string {
    for (const c of listCategories()) {
      for (const g of generationsFor(c.key)) {
        const r = g.rules.find((x) => x.id === id);
        if (r) return ruleName(r);
      }
    }
    return id;
  }

  private resolveTarget(target: string): string | null {
    const at = target.indexOf(':');
    const kind = at < 0 ? target : target.slice(0, at);
    const id = at < 0 ? '' : target.slice(at + 1);
    const numeric = /^\d+$/.test(id) ? Number(id) : null;
    switch (kind) {
      case 'batch': {
        if (numeric === null) return null;
        const b = orm(this.db).select({ sequence: batches.sequence, state: batches.state }).from(batches).where(eq(batches.id, numeric)).get();
        if (!b) return null;
        this.uscc ??= orm(this.db).select({ uscc: department.uscc }).from(department).where(eq(department.id, 1)).get()?.uscc ?? '';
        const note = b.state === 'returned' ? '（已退回的一次）' : b.state === 'cancelled' ? '（已撤销的一次）' : '';
        return `第 ${b.sequence} 批 ${batchIdOf(this.uscc, b.sequence)}${note}`;
      }
      case 'record': {
        if (numeric === null) return hasCategory(id) ? `${this.categoryName(id)}（新记录）` : null;
        const r = orm(this.db).select({ no: records.decisionNo, name: records.subjectName }).from(records).where(eq(records.id, numeric)).get();
        return r ? `${r.no}（${r.name}）` : null;
      }
      case 'user':
        return this.person(id);
      case 'subject': {
        if (numeric === null) return null;
        const s = orm(this.db).select({ name: subjects.name }).from(subjects).where(eq(subjects.id, numeric)).get();
        return s?.name ?? null;
      }
      case 'department':
        return `单位信息（${id}）`;
      case 'settings':
        return id === 'warnings' ? '预警设置' : '系统设置';
      case 'report':
        return /^\d{4}-\d{2}$/.test(id) ? `${id.slice(0, 4)}年${Number(id.slice(5))}月报送情况` : '月度报送情况';
      case 'manual':
        return '用户手册';
      case 'print':
        return `打印件 ${id}`;
      case 'batches':
        return '报送批次';
      case 'rules': {
        const r = orm(this.db).select({ kind: ruleTables.kind }).from(ruleTables).where(eq(ruleTables.version, id)).get();
        return `${RULE_FAMILIES[r?.kind ?? ''] ?? '规则表'} ${id}`;
      }
      case 'export':
        return `${this.categoryName(id)}记录`;
      case 'records': {
        if (!id) return '信用记录';
        const labels = id.split(',').map((x) => (/^\d+$/.test(x) ? this.resolveTarget(`record:${x}`) : null));
        return labels.every(Boolean) ? labels.join('、') : '信用记录';
      }
      case 'case': {
        if (numeric === null) return null;
        const c = orm(this.db).select({ kind: cases.kind, no: cases.caseNo, applicant: cases.applicantName }).from(cases).where(eq(cases.id, numeric)).get();
        return c ? `${CASE_KIND_LABELS[c.kind] ?? ''}案件 ${c.no}（${c.applicant}）` : null;
      }
      case 'check': {
        const c = orm(this.db).select({ name: creditChecks.subjectName, query: creditChecks.query }).from(creditChecks).where(eq(creditChecks.checkNo, id)).get();
        return c ? `信用核查 ${id}（${c.name ?? c.query}）` : `信用核查 ${id}`;
      }
      case 'checks':
        return '批量信用核查';
      case 'key': {
        if (numeric === null) return null;
        const k = orm(this.db).select({ login: signingKeys.login }).from(signingKeys).where(eq(signingKeys.id, numeric)).get();
        return k ? `${this.personName(k.login) ?? k.login}的签名密钥（第 ${numeric} 号）` : null;
      }
      case 'lists':
        return '共享名单公钥';
      case 'listkey': {
        if (numeric === null) return null;
        const k = orm(this.db).select({ label: listKeys.label }).from(listKeys).where(eq(listKeys.id, numeric)).get();
        return k ? `共享名单公钥：${k.label}` : null;
      }
      case 'list': {
        const l = orm(this.db).select({ name: sharedLists.name }).from(sharedLists).where(eq(sharedLists.listId, id)).get();
        return l ? `共享名单：${l.name}` : '共享名单';
      }
      case 'calendar':
        return /^\d{4}$/.test(id) ? `${id} 年工作日历` : '工作日历';
      case 'backup':
        return id ? `备份：${id}` : '备份设置';
      case 'id-number':
        return '按证件号码查找';
      default:
        return null;
    }
  }

  /** One detail value as text. */
  private value(key: string, v: unknown, method: string): string {
    if (v === null || v === undefined || v === '') return '—';
    if (typeof v === 'boolean') return v ? '是' : '否';
    if (key === 'kind' && typeof v === 'string') {
      if (method.startsWith('print.')) return PRINT_KINDS[v] ?? v;
      if (method.startsWith('cases.')) return CASE_KIND_LABELS[v as keyof typeof CASE_KIND_LABELS] ?? v;
      if (method.startsWith('checks.')) return CHECK_KINDS[v] ?? v;
    }
    if (key === 'channel' && typeof v === 'string') return CHANNEL_LABELS[v as keyof typeof CHANNEL_LABELS] ?? v;
    if (key === 'outcome' && typeof v === 'string' && method.startsWith('cases.')) return OUTCOME_LABELS[v as keyof typeof OUTCOME_LABELS] ?? v;
    if (key === 'code' && typeof v === 'string' && ERROR_WORDS[v]) return ERROR_WORDS[v];
    if (key === 'generation' && typeof v === 'string') return this.generationName(v);
    if (key === 'method' && method === 'cases.answer' && typeof v === 'string') return v;
    if (key === 'of' && typeof v === 'string') return actionLabel(v);
    if (key === 'size' && typeof v === 'number') return formatSize(v);
    if (key === 'set' && typeof v === 'object' && !Array.isArray(v)) {
      return Object.entries(v as Record<string, unknown>)
        .map(([field, x]) => `${this.fieldLabel(field)} ${this.value('', x, method)}`)
        .join('；');
    }
    if (key === 'inferred' && typeof v === 'object' && !Array.isArray(v)) {
      const parts = Object.entries(v as Record<string, unknown>).map(([id, n]) => `${this.ruleLabel(id)} ${this.value('n', n, method)} 行`);
      return parts.length ? parts.join('；') : '无';
    }
    if (key === 'history' && typeof v === 'object' && !Array.isArray(v)) return this.value('byState', v, method);
    if (key === 'auditHead' && typeof v === 'object' && !Array.isArray(v)) {
      const h = v as { seq?: unknown; hash?: unknown };
      return `第 ${this.value('n', h.seq, method)} 条，哈希 ${String(h.hash ?? '—')}`;
    }
    if (key === 'attachments' && Array.isArray(v)) {
      if (v.length === 0) return '无';
      return v.map((a) => (a && typeof a === 'object' ? this.attachment(a as Record<string, unknown>) : String(a))).join('、');
    }
    if (key === 'roles' && Array.isArray(v)) return v.map((r) => ROLE_NAMES[r as Role] ?? String(r)).join('、');
    if ((key === 'before' || key === 'after') && Array.isArray(v) && method === 'users.setRoles') return this.value('roles', v, method);
    if (key === 'sequence' && typeof v === 'number') return `第 ${v} 批`;
    if (key === 'baseVersion' && typeof v === 'number') return `第 ${v} 版`;
    if ((key === 'version' || key === 'replaced') && typeof v === 'number' && method.startsWith('lists.')) return `第 ${v} 版`;
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
      if (v.length === 0) return '无';
      const shown = v.slice(0, 20).map((x) => (x && typeof x === 'object' ? this.value('', x, method) : String(x)));
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

  private attachment(a: Record<string, unknown>): string {
    const name = typeof a.fileName === 'string' ? a.fileName : '附件';
    const notes = [typeof a.item === 'string' ? a.item : '', typeof a.size === 'number' ? formatSize(a.size) : ''].filter(Boolean);
    return notes.length ? `${name}（${notes.join('，')}）` : name;
  }

  private items(detail: Record<string, unknown>, method: string): { label: string; value: string }[] {
    const labels = { ...DETAIL_LABELS, ...DETAIL_LABELS_BY_ACTION[method] };
    return Object.entries(detail)
      .filter(([k, v]) => v !== undefined && !HIDDEN_KEYS.has(k))
      // An empty object says nothing (a repair proposal has no fields to set).
      .filter(([, v]) => !(v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0))
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
      targetLabel: this.targetLabel(e.target, detail),
      outcome: e.outcome,
      detail,
      details: this.details(e.method, detail),
    };
  }
}
