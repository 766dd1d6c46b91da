/**
 * Issue 19, item 3: the audit trail in words for every entry kind the core writes —
 * labels for every key, words for every code, names for every object, never raw JSON —
 * for a department that has done every kind of work (busy-day.ts).
 */
import { describe, expect, it } from 'vitest';
import type { AuditEntryView } from '../../electron/contract';
import { newCore, setUp, value } from '../helpers';
import { busyDay, PEOPLE } from './busy-day';
import { auditTextProblems } from './words';

describe('the trail in words, every kind of entry', () => {
  it('no ASCII identifier, no key: pair, no JSON in any entry of a busy day', async () => {
    const core = newCore();
    await setUp(core, PEOPLE.admin);
    const call = async <T,>(method: string, input?: unknown) => value<T>(await core.invoke(method, input ?? {}));
    const { logins } = await busyDay(
      call,
      async (method, input) => !(await core.invoke(method, input ?? {})).ok,
      async (who) => {
        await core.invoke('auth.logout', {});
        value(await core.invoke('auth.login', { login: who.login, password: who.password }));
      },
      async () => {
        await core.invoke('auth.logout', {});
        await core.invoke('auth.login', { login: 'boss', password: 'not-the-password' });
        value(await core.invoke('auth.login', { login: 'admin', password: PEOPLE.admin.password }));
      },
    );
    const { items, total } = value<{ total: number; items: AuditEntryView[] }>(await core.invoke('audit.list', { limit: 500 }));
    const versions = [...value<{ version: string }[]>(await core.invoke('rules.list', {})), ...value<{ versions: string[] }[]>(await core.invoke('calendar.list', {})).flatMap((y) => y.versions.map((version) => ({ version })))].map((r) => r.version);
    expect(items).toHaveLength(total);
    const methods = new Set(items.map((e) => e.method));
    expect(methods.size).toBeGreaterThan(45);
    const problems = items.flatMap((e) => {
      const text = [e.actorName ?? e.actor ?? '', e.actionLabel, e.targetLabel ?? (e.target ? `[raw]${e.target}` : ''), ...e.details.map((d) => `${d.label}：${d.value}`)].join(' | ');
      return auditTextProblems(text, [...logins, ...versions]).map((p) => `#${e.seq} ${e.method}: ${p} — ${text}`);
    });
    if (process.env.SHOW_TRAIL) for (const e of items) console.log(`#${e.seq} ${e.actorName} | ${e.actionLabel} | ${e.targetLabel ?? ""} | ${e.details.map((d) => `${d.label}：${d.value}`).join(" ")}`);
    expect(problems).toEqual([]);
  });
});
