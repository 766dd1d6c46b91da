/**
 * The audit trail speaks Chinese: every contract method — also one added later
 * by anyone — and every action the core writes under a name of its own has a
 * label; targets read as the screens name them; details are labelled text.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ACTION_LABELS, AUDIT_ONLY_ACTIONS, METHOD_NAMES, type AuditEntryView, type BatchView, type FilePayload, type SubjectDetail } from '../../electron/contract';
import { nextDay, zonedDate } from '../../electron/contract/zone';
import { DETAIL_LABELS } from '../../electron/core/audit/view';
import { clerkDesk, penaltyRow, value } from '../helpers';

// Only the core writes to the trail (the command line and the host go through it).
const ELECTRON = fileURLToPath(new URL('../../electron/core', import.meta.url));
const CJK = /[\u4e00-\u9fff]/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : name.endsWith('.ts') ? [path] : [];
  });
}

describe('action labels', () => {
  it('every contract method has a Chinese and an English label', () => {
    const missing = METHOD_NAMES.filter((m) => !ACTION_LABELS[m]?.zh || !ACTION_LABELS[m]?.en);
    expect(missing, `methods without a label in electron/contract/audit.ts: ${missing.join(', ')}`).toEqual([]);
    for (const m of METHOD_NAMES) expect(ACTION_LABELS[m].zh, m).toMatch(CJK);
  });

  it('every action name the code writes to the trail has a label', () => {
    const written = new Set<string>();
    for (const file of sources(ELECTRON)) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bmethod:\s*'([a-zA-Z][\w.-]*)'/g)) written.add(match[1]);
    }
    expect(written.size).toBeGreaterThan(20);
    const missing = [...written].filter((m) => !(m in ACTION_LABELS));
    expect(missing, `actions written to the audit trail without a label: ${missing.join(', ')}`).toEqual([]);
    // Audit-only names are not methods (else they belong in the contract's list).
    for (const a of AUDIT_ONLY_ACTIONS) expect(METHOD_NAMES).not.toContain(a);
  });
});

type Core = Awaited<ReturnType<typeof clerkDesk>>;

async function as(core: Core, login: string, password: string) {
  value(await core.invoke('auth.logout', {}));
  value(await core.invoke('auth.login', { login, password }));
}

describe('the trail in words', () => {
  it('names people, targets and details as people read them; filters; exports the filtered trail', async () => {
    const core = await clerkDesk();
    // A working day that touches most kinds of entry.
    const ids: number[] = [];
    for (let i = 1; i <= 3; i++) {
      ids.push(value<{ recordId: number }>(await core.invoke('records.create', { category: 'penalty', values: penaltyRow({ CF_WSH: `栾市监罚〔2026〕${i}号` }) })).recordId);
    }
    value(await core.invoke('records.create', { category: 'penalty', values: penaltyRow({ CF_WSH: '栾市监罚〔2026〕9号', CF_XDR_MC: '石家庄市栾城区恒瑞商贸公司' }) }));
    value(await core.invoke('records.update', { recordId: ids[0], baseVersion: 1, values: penaltyRow({ CF_WSH: '栾市监罚〔2026〕1号', CF_NR_FK: '0.8', CF_NR: '罚款人民币八千元' }), reason: '按复核决定更正罚款金额' }));
    value(await core.invoke('records.withdrawMany', { recordIds: [ids[2]], reason: '决定已撤销' }));
    value(await core.invoke('records.unmask', { recordId: ids[1], reason: '核对' }));
    value(await core.invoke('export.run', { category: 'penalty', state: 'pending' }));
    const batch = value<BatchView>(await core.invoke('batches.prepare', {}));
    const subject = value<{ items: { subjectId: number }[] }>(await core.invoke('subjects.search', { conflictsOnly: true })).items[0];
    const conflict = value<SubjectDetail>(await core.invoke('subjects.get', { subjectId: subject.subjectId })).conflicts[0];
    value(await core.invoke('subjects.rename', { subjectId: subject.subjectId, conflictId: conflict.id }));
    expect(await core.invoke('users.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } }); // denied
    await as(core, 'boss', 'boss-pass-1');
    value(await core.invoke('keys.generate', { password: 'boss-pass-1' }));
    value(await core.invoke('batches.reject', { batchId: batch.batchId, reason: '决定日期与文书不符' }));
    expect(await core.invoke('batches.approve', { batchId: batch.batchId, password: 'boss-pass-1' })).toMatchObject({ ok: false }); // error
    value(await core.invoke('auth.logout', {}));
    expect(await core.invoke('auth.login', { login: 'boss', password: 'wrong-password' })).toMatchObject({ ok: false });
    value(await core.invoke('auth.login', { login: 'admin', password: 'admin-pass-1' }));
    value(await core.invoke('users.setRoles', { login: 'boss', roles: ['approver', 'archivist'] }));
    value(await core.invoke('settings.update', { idleLockMinutes: 15 }));

    const { items, total } = value<{ total: number; items: AuditEntryView[] }>(await core.invoke('audit.list', { limit: 500 }));
    expect(items).toHaveLength(total);
    for (const e of items) {
      expect(e.actionLabel, e.method).toMatch(CJK);
      if (e.target) expect(e.targetLabel, `${e.method} ${e.target}`).not.toBeNull();
      for (const d of e.details) {
        expect(Object.values(DETAIL_LABELS).concat(['单位名称', '起始日期', '截止日期', '决定日期起', '决定日期止', '详情']), `${e.method}: a detail without a label`).toContain(d.label);
        expect(d.value, `${e.method} ${d.label}`).not.toMatch(/[{}"]/);
      }
    }
    const one = (method: string) => items.find((e) => e.method === method)!;
    // People by name, the login beside it where the name is not enough.
    expect(one('records.create')).toMatchObject({ actor: 'clerk1', actorName: '录入员甲', actionLabel: '新增记录' });
    // A batch as the screens call it.
    const uscc = '91350200776049653A';
    expect(one('batches.reject')).toMatchObject({ actionLabel: '退回批次', targetLabel: `第 1 批 ${uscc}-000001（已退回的一次）` });
    expect(one('batches.reject').details).toEqual([
      { label: '批次', value: '第 1 批' },
      { label: '原因', value: '决定日期与文书不符' },
    ]);
    // A record by its 文书号 and subject (also the one just created: its id is the target).
    expect(one('records.update')).toMatchObject({ actionLabel: '更正记录', targetLabel: '栾市监罚〔2026〕1号（石家庄市栾城区恒瑞商贸有限公司）' });
    expect(one('records.update').details).toEqual([
      { label: '原因', value: '按复核决定更正罚款金额' },
      { label: '更正所依据的版本', value: '第 1 版' },
    ]);
    expect(items.filter((e) => e.method === 'records.create').every((e) => /^record:\d+$/.test(e.target ?? ''))).toBe(true);
    expect(one('users.setRoles')).toMatchObject({ targetLabel: '部门负责人（boss）' });
    expect(one('users.setRoles').details).toEqual([
      { label: '修改前', value: '审核人' },
      { label: '修改后', value: '审核人、档案员' },
    ]);
    expect(one('subjects.rename')).toMatchObject({ actionLabel: '确认主体更名', targetLabel: '石家庄市栾城区恒瑞商贸公司' });
    const denied = items.find((e) => e.method === 'auth.login' && e.outcome === 'denied')!.details;
    // A failed login is written outside the database first, and says so in the trail.
    expect(denied).toEqual([
      { label: '原因', value: '密码错误' },
      { label: '未经认证（登录前记录）', value: '是' },
      { label: '来源', value: '登录失败记录文件（数据库外）' },
    ]);
    expect(items.find((e) => e.outcome === 'denied' && e.method === 'users.list')!.details).toEqual([{ label: '角色', value: '录入员' }]);
    expect(one('export').details.map((d) => d.label)).toEqual(['筛选条件', '格式', '行数', '个人证件号码', '记录编号']);
    expect(one('export').details.find((d) => d.label === '个人证件号码')!.value).toBe('已遮盖');
    expect(one('export').details.find((d) => d.label === '记录编号')!.value).toMatch(/^\d+(–\d+)?(、\d+(–\d+)?)*$/);
    expect(one('settings.update')).toMatchObject({ targetLabel: '系统设置', details: [{ label: '无操作自动锁定（分钟）', value: '15' }] });

    // Filters: person, action, outcome, date range (local days).
    const list = async (filter: Record<string, unknown>) => value<{ total: number; items: AuditEntryView[] }>(await core.invoke('audit.list', { limit: 500, ...filter }));
    const byClerk = await list({ actor: 'clerk1' });
    expect(byClerk.total).toBeGreaterThan(5);
    expect(byClerk.items.every((e) => e.actor === 'clerk1')).toBe(true);
    expect((await list({ method: 'records.update' })).items.map((e) => e.method)).toEqual(['records.update']);
    expect((await list({ outcome: 'denied' })).items.every((e) => e.outcome === 'denied')).toBe(true);
    expect((await list({ outcome: 'denied' })).total).toBe(2);
    // Days are the department's (China time), whatever the machine's clock zone: after 16:00 UTC it is already tomorrow there.
    const today = zonedDate(new Date());
    expect((await list({ from: today, to: today })).total).toBe(total);
    expect((await list({ from: nextDay(today) })).total).toBe(0);
    const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    expect((await list({ to: yesterday })).total).toBe(0);

    // Export of the filtered trail: a real .xlsx in the same words.
    const file = value<FilePayload & { rows: number }>(await core.invoke('audit.export', { actor: 'clerk1' }));
    expect(file.rows).toBe(byClerk.total);
    expect(file.fileName).toMatch(/^审计日志-\d{8}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.content, 'base64') as never);
    const ws = wb.worksheets[0];
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['序号', '时间', '操作人', '登录名', '操作', '对象', '结果', '详情']);
    expect(ws.rowCount).toBe(byClerk.total + 1);
    const rows = Array.from({ length: ws.rowCount - 1 }, (_, i) => (ws.getRow(i + 2).values as unknown[]).slice(1).map((v) => (v === undefined ? '' : String(v))));
    const update = rows.find((r) => r[4] === '更正记录')!;
    expect(update.slice(2)).toEqual(['录入员甲', 'clerk1', '更正记录', '栾市监罚〔2026〕1号（石家庄市栾城区恒瑞商贸有限公司）', '成功', '原因：按复核决定更正罚款金额；更正所依据的版本：第 1 版']);
    expect(rows.every((r) => r[3] === 'clerk1')).toBe(true);
    // The export is itself in the trail.
    expect((await list({ method: 'audit.export' })).items[0]).toMatchObject({ actor: 'admin', details: [{ label: '操作人', value: '录入员甲（clerk1）' }, { label: '行数', value: String(byClerk.total) }] });
  });
});

