/**
 * What the audit trail calls each action, in words people read. Every contract
 * method has a label here (the type below makes a method without one fail to
 * compile, and test/audit/labels.test.ts fails too), and so has every action the
 * core writes to the trail under a name of its own (`records.expire` …).
 * A new method: add its line here, in Chinese and English.
 */
import type { MethodName } from './methods';
import type { AuditEntry } from './types';

/** Actions written to the trail that are not contract methods. */
export const AUDIT_ONLY_ACTIONS = ['records.expire', 'demo.records', 'export'] as const;
export type AuditAction = MethodName | (typeof AUDIT_ONLY_ACTIONS)[number];

export interface ActionLabel {
  zh: string;
  en: string;
}

export const ACTION_LABELS: Record<AuditAction, ActionLabel> = {
  'app.status': { zh: '读取状态', en: 'Read status' },
  'setup.initialize': { zh: '建立工作台', en: 'Set up the desk' },
  'auth.login': { zh: '登录', en: 'Log in' },
  'auth.resetPassword': { zh: '用恢复码重设密码', en: 'Reset password with recovery code' },
  'auth.logout': { zh: '退出登录', en: 'Log out' },
  'auth.lock': { zh: '锁定', en: 'Lock' },
  'auth.changePassword': { zh: '修改密码', en: 'Change password' },
  'session.get': { zh: '读取当前用户', en: 'Read current user' },
  'info.get': { zh: '读取工作台信息', en: 'Read desk information' },
  'department.get': { zh: '查看单位信息', en: 'View department' },
  'department.update': { zh: '修改单位信息', en: 'Change department' },
  'settings.get': { zh: '查看设置', en: 'View settings' },
  'settings.update': { zh: '修改设置', en: 'Change settings' },
  'users.list': { zh: '查看用户列表', en: 'List users' },
  'users.names': { zh: '查看人员名单', en: 'List names of people' },
  'users.add': { zh: '添加用户', en: 'Add user' },
  'users.setRoles': { zh: '修改角色', en: 'Change roles' },
  'users.disable': { zh: '停用用户', en: 'Disable user' },
  'audit.list': { zh: '查看审计日志', en: 'View audit trail' },
  'audit.export': { zh: '导出审计日志', en: 'Export audit trail' },
  'audit.verify': { zh: '校验审计链', en: 'Verify audit chain' },
  'rules.list': { zh: '查看规则表', en: 'List rule tables' },
  'rules.install': { zh: '安装规则表', en: 'Install rule table' },
  'catalog.get': { zh: '读取信息目录', en: 'Read catalogue' },
  'records.validate': { zh: '校验记录', en: 'Check record' },
  'records.create': { zh: '新增记录', en: 'Add record' },
  'records.update': { zh: '更正记录', en: 'Correct record' },
  'records.withdraw': { zh: '撤回记录', en: 'Withdraw record' },
  'records.withdrawMany': { zh: '批量撤回记录', en: 'Withdraw records' },
  'records.get': { zh: '查看记录', en: 'View record' },
  'records.history': { zh: '查看记录历史', en: 'View record history' },
  'records.events': { zh: '查看记录报送经过', en: 'View record reporting events' },
  'records.unmask': { zh: '显示个人证件号码', en: 'Show personal ID number' },
  'records.search': { zh: '查找记录', en: 'Search records' },
  'records.countByCategory': { zh: '按类别统计查找结果', en: 'Count search hits by category' },
  'records.stats': { zh: '统计记录', en: 'Record statistics' },
  'records.overrideRequests': { zh: '查看待放行记录', en: 'List records awaiting acceptance' },
  'subjects.search': { zh: '查找信用主体', en: 'Search subjects' },
  'subjects.get': { zh: '查看信用主体', en: 'View subject' },
  'subjects.rename': { zh: '确认主体更名', en: 'Confirm subject renaming' },
  'import.run': { zh: '导入信用记录', en: 'Import records' },
  'import.runFile': { zh: '导入信用记录（命令行）', en: 'Import records (command line)' },
  'import.errorReport': { zh: '下载导入错误报告', en: 'Download import error report' },
  'templates.get': { zh: '下载导入模板', en: 'Download import template' },
  'export.run': { zh: '导出信用记录', en: 'Export records' },
  'export.runFile': { zh: '导出信用记录（命令行）', en: 'Export records (command line)' },
  'keys.list': { zh: '查看签名密钥', en: 'List signing keys' },
  'keys.generate': { zh: '生成签名密钥', en: 'Generate signing key' },
  'keys.exportPublic': { zh: '导出公钥', en: 'Export public key' },
  'batches.pending': { zh: '查看待报送', en: 'View pending operations' },
  'batches.prepare': { zh: '准备批次', en: 'Prepare batch' },
  'batches.list': { zh: '查看批次列表', en: 'List batches' },
  'batches.get': { zh: '查看批次', en: 'View batch' },
  'batches.operations': { zh: '查看批次明细', en: 'View batch operations' },
  'batches.approve': { zh: '审核签发批次', en: 'Approve and sign batch' },
  'batches.reject': { zh: '退回批次', en: 'Send batch back' },
  'batches.cancel': { zh: '撤销批次', en: 'Cancel batch' },
  'batches.export': { zh: '导出批次文件', en: 'Export batch file' },
  'batches.exportFile': { zh: '导出批次文件（命令行）', en: 'Export batch file (command line)' },
  'batches.verify': { zh: '校验批次文件', en: 'Verify batch file' },
  'receipts.preview': { zh: '预览平台回执', en: 'Preview receipt' },
  'receipts.import': { zh: '导入平台回执', en: 'Import receipt' },
  'receipts.importFile': { zh: '导入平台回执（命令行）', en: 'Import receipt (command line)' },
  // Written by the core under names of their own.
  'records.expire': { zh: '公示期满', en: 'Publication ended' },
  'demo.records': { zh: '生成演示记录', en: 'Generate demo records' },
  export: { zh: '导出信用记录', en: 'Export records' },
  'import.inspect': { zh: '检查导入文件', en: 'Inspect import file' },
  'import.migrationReport': { zh: '下载迁移报告', en: 'Download migration report' },
  'calendar.due': { zh: '计算工作日期限', en: 'Compute working-day deadline' },
  'calendar.show': { zh: '查看工作日历', en: 'View working-day calendar' },
  'calendar.list': { zh: '查看工作日历年份', en: 'List calendar years' },
  'calendar.install': { zh: '安装工作日历', en: 'Install working-day calendar' },
  'cases.register': { zh: '登记案件', en: 'Register case' },
  'cases.list': { zh: '查看案件列表', en: 'List cases' },
  'cases.overview': { zh: '查看案件概况', en: 'View case overview' },
  'cases.get': { zh: '查看案件', en: 'View case' },
  'cases.accept': { zh: '受理案件', en: 'Accept case' },
  'cases.refuse': { zh: '不予受理', en: 'Refuse case' },
  'cases.attach': { zh: '添加案件材料', en: 'Attach file to case' },
  'cases.requestMaterials': { zh: '要求补正材料', en: 'Request missing materials' },
  'cases.extend': { zh: '延长办理期限', en: 'Extend case deadline' },
  'cases.propose': { zh: '提出处理意见', en: 'Propose outcome' },
  'cases.approve': { zh: '批准处理决定', en: 'Approve decision' },
  'cases.return': { zh: '退回处理意见', en: 'Return proposal' },
  'cases.answer': { zh: '登记答复', en: 'Record answer' },
  'cases.attachment': { zh: '查看案件材料', en: 'View case attachment' },
  'cases.serveLetter': { zh: '登记文书送达', en: 'Record service of a letter' },
  'letters.issueRepairNotice': { zh: '出具信用修复告知书', en: 'Issue credit-repair notice' },
  'letters.repairNotice': { zh: '查看信用修复告知书', en: 'View credit-repair notice' },
  'print.repairNotice': { zh: '打印信用修复告知书', en: 'Print credit-repair notice' },
  'print.caseSheet': { zh: '打印案件审批表', en: 'Print case approval sheet' },
  'print.creditFile': { zh: '打印信用档案', en: 'Print credit file' },
  'print.batchSheet': { zh: '打印批次审核单', en: 'Print batch approval sheet' },
  'print.keySheet': { zh: '打印签名公钥登记表', en: 'Print key registration sheet' },
  'print.letter': { zh: '打印案件文书', en: 'Print case letter' },
  'print.log': { zh: '查看打印记录', en: 'View print log' },
  'print.preview': { zh: '打印预览', en: 'Print preview' },
  'rules.preview': { zh: '预览规则表或日历', en: 'Preview rule table or calendar' },
  'drafts.list': { zh: '查看草稿', en: 'List drafts' },
  'drafts.get': { zh: '读取草稿', en: 'Read draft' },
  'drafts.save': { zh: '保存草稿', en: 'Save draft' },
  'drafts.discard': { zh: '放弃草稿', en: 'Discard draft' },
  'print.lookup': { zh: '查验打印件', en: 'Look up a printed document' },
  'timeliness.summary': { zh: '查看报送时限', en: 'View reporting deadlines' },
  'lists.keys': { zh: '查看共享名单公钥', en: 'List shared-list keys' },
  'lists.inspectKey': { zh: '查看公钥指纹', en: 'Inspect key fingerprint' },
  'lists.pin': { zh: '登记共享名单公钥', en: 'Pin shared-list key' },
  'lists.unpin': { zh: '停用共享名单公钥', en: 'Unpin shared-list key' },
  'lists.list': { zh: '查看共享名单', en: 'List shared lists' },
  'lists.import': { zh: '导入共享名单', en: 'Import shared list' },
  'lists.importFile': { zh: '导入共享名单文件', en: 'Import shared list file' },
  'lists.subjectEntries': { zh: '查看主体的名单记录', en: "View a subject's list entries" },
  'checks.run': { zh: '信用核查', en: 'Credit check' },
  'checks.runUpload': { zh: '批量信用核查（上传）', en: 'Credit check of a file (upload)' },
  'checks.runFile': { zh: '批量信用核查', en: 'Credit check of a file' },
  'checks.list': { zh: '查看核查记录', en: 'View check log' },
  'checks.get': { zh: '查看核查结果', en: 'View check result' },
  'print.checkResult': { zh: '打印核查结果', en: 'Print check result' },
  'checks.feedback': { zh: '登记联合奖惩反馈', en: 'Record sanction feedback' },
  'users.enable': { zh: '重新启用用户', en: 'Re-enable user' },
  'users.resetPassword': { zh: '为他人设置密码', en: "Set another person's password" },
  'audit.head': { zh: '读取审计日志的最新位置', en: 'Read the audit head' },
  'backup.status': { zh: '查看备份设置', en: 'View backup settings' },
  'backup.configure': { zh: '修改备份设置', en: 'Change backup settings' },
  'backup.create': { zh: '备份', en: 'Back up' },
  'backup.createFile': { zh: '备份到文件夹', en: 'Back up to a folder' },
  'backup.verifyFile': { zh: '校验备份文件', en: 'Verify backup file' },
  'backup.restore': { zh: '从备份恢复', en: 'Restore from backup' },
  'backup.restoreFile': { zh: '从备份文件恢复', en: 'Restore from backup file' },
  'backup.restoreOffline': { zh: '从备份恢复（未登录）', en: 'Restore from backup (not logged in)' },
  'app.about': { zh: '查看关于', en: 'View about' },
  'app.licenses': { zh: '查看开源许可', en: 'View licences' },
  'app.openDataFolder': { zh: '打开数据文件夹', en: 'Open data folder' },
  'diagnostics.report': { zh: '导出诊断信息', en: 'Export diagnostics' },
  'print.manual': { zh: '打印用户手册', en: 'Print user manual' },
  // issue 18 (trust2)
  'audit.idSearchBursts': { zh: '查看频繁的证件号码查询', en: 'View bursts of ID-number searches' },
  'statistics.month': { zh: '查看月度统计', en: 'View monthly figures' },
  'statistics.year': { zh: '查看年度趋势', en: 'View the year trend' },
  'statistics.report': { zh: '查看月度报送情况', en: 'View the monthly report' },
  'statistics.warnings': { zh: '查看预警', en: 'View warnings' },
  'statistics.warningSettings': { zh: '查看预警设置', en: 'View warning settings' },
  'statistics.configureWarnings': { zh: '修改预警设置', en: 'Change warning settings' },
  'print.monthlyReport': { zh: '打印月度报送情况', en: 'Print the monthly report' },
  'statistics.reportXlsx': { zh: '导出月度报送情况', en: 'Export the monthly report' },
};

export function isAuditAction(name: string): name is AuditAction {
  return Object.prototype.hasOwnProperty.call(ACTION_LABELS, name);
}

/** An action's name for people; an unknown one (written by a newer version) shows as it is. */
export function actionLabel(name: string, locale: 'zh' | 'en' = 'zh'): string {
  return isAuditAction(name) ? ACTION_LABELS[name][locale] : name;
}

export const AUDIT_OUTCOMES = ['ok', 'error', 'denied'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/**
 * A trail entry as stored (AuditEntry: seq, at, actor, method, target, outcome, the
 * raw detail) and as people read it: who by name, the target and the details in words.
 */
export interface AuditEntryView extends AuditEntry {
  /** The actor's 姓名, when the actor is a known person. */
  actorName: string | null;
  /** The action in Chinese (the UI uses ACTION_LABELS for other languages). */
  actionLabel: string;
  /** The target as the UI names it: 第 2 批 …-000002, a record's 文书号, a person's 姓名. */
  targetLabel: string | null;
  /** The details as labelled text. */
  details: { label: string; value: string }[];
}

/**
 * A search by ID number beyond the limit (issue 18): allowed with a reason, or
 * refused for want of one. For the auditor's 工作台 (`audit.idSearchBursts`).
 */
export interface IdSearchBurst {
  seq: number;
  at: string;
  login: string;
  name: string;
  /** Refused (no reason given); otherwise searched with `reason`. */
  refused: boolean;
  /** The number, masked as the trail keeps it. */
  idNumber: string;
  /** Distinct ID numbers this person had searched in the window, this one included. */
  distinct: number;
  reason: string | null;
}
