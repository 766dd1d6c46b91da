/**
 * Issue 18, finding 7: `print.lookup` was open to every role, so a clerk refused the
 * print log enumerated print numbers and read subjects, unmask reasons and who
 * printed. Lookup is for archivists, auditors and approvers; every lookup is audited.
 */
import { describe, expect, it } from 'vitest';
import type { PrintLookup, PrintPayload } from '../../electron/contract';
import { as, auditRows, clerkDesk, errorOf, penaltyRow, value } from '../helpers';

describe('print.lookup', () => {
  it('is refused to a clerk (audited as a denial) and answers archivists, auditors and approvers, each lookup in the trail', async () => {
    const core = await clerkDesk();
    value(await core.invoke('records.create', { category: 'penalty', values: penaltyRow() }));
    await as(core, 'admin', 'admin-pass-1');
    value(await core.invoke('users.add', { login: 'arch', name: '档案员', roles: ['archivist'], password: 'arch-pass-12' }));
    value(await core.invoke('users.add', { login: 'aud', name: '审计员', roles: ['auditor'], password: 'aud-pass-123' }));
    await as(core, 'arch', 'arch-pass-12');
    const printed = value<PrintPayload>(await core.invoke('print.creditFile', { code: '91350200776049653A', withHistory: false }));

    await as(core, 'clerk1', 'clerk-pass-1');
    const refused = errorOf(await core.invoke('print.lookup', { printNo: printed.printNo }));
    expect(refused.code).toBe('FORBIDDEN');
    // Guessing numbers tells a clerk nothing either: the same refusal, whether the number exists or not.
    expect(errorOf(await core.invoke('print.lookup', { printNo: 'P2026-999999' })).code).toBe('FORBIDDEN');

    for (const [login, password] of [['arch', 'arch-pass-12'], ['aud', 'aud-pass-123'], ['boss', 'boss-pass-1']] as const) {
      await as(core, login, password);
      const found = value<PrintLookup>(await core.invoke('print.lookup', { printNo: printed.printNo, content: printed.content }));
      expect(found.entry.printNo).toBe(printed.printNo);
      expect(found.matches).toBe(true);
    }
    const trail = auditRows(core.dbPath).filter((e) => e.method === 'print.lookup');
    expect(trail.map((e) => [e.actor, e.outcome, e.target])).toEqual([
      ['clerk1', 'denied', null],
      ['clerk1', 'denied', null],
      ['arch', 'ok', `print:${printed.printNo}`],
      ['aud', 'ok', `print:${printed.printNo}`],
      ['boss', 'ok', `print:${printed.printNo}`],
    ]);
    expect(trail[2].detail).toMatchObject({ found: true, fileCompared: true, matches: true });
  });
});
