import { describe, expect, it } from 'vitest';
import { newCore, setUp, value } from '../helpers';
import { unlockHolder } from '../../electron/core/auth/keys';
import { keyFilePath, readKeyFile } from '../../electron/core/store/keyfile';
import { openEncrypted } from '../../electron/core/store/database';
import type { AuditVerifyResult } from '../../electron/contract/types';

async function deskWithHistory() {
  const core = newCore();
  await setUp(core);
  for (let i = 1; i <= 5; i++) {
    value(await core.invoke('users.add', { login: `clerk${i}`, name: `录入员${i}`, roles: ['clerk'], password: 'clerk-pass-1' }));
  }
  return core;
}

function openRaw(dbPath: string) {
  const { dataKey } = unlockHolder(readKeyFile(keyFilePath(dbPath)), 'admin', 'admin-pass-1')!;
  return openEncrypted(dbPath, dataKey);
}

describe('the audit trail', () => {
  it('verifies when untouched', async () => {
    const core = await deskWithHistory();
    const result = value<AuditVerifyResult>(await core.invoke('audit.verify', {}));
    expect(result).toMatchObject({ ok: true, checked: 7, firstBroken: null, anchors: [], newestAnchoredSeq: null });
    expect(result.head.seq).toBe(7);
  });

  it('refuses updates and deletes', async () => {
    const core = await deskWithHistory();
    core.close();
    const db = openRaw(core.dbPath);
    expect(() => db.prepare(`UPDATE audit_log SET actor = 'x' WHERE seq = 3`).run()).toThrow(/append-only/);
    expect(() => db.prepare(`DELETE FROM audit_log WHERE seq = 3`).run()).toThrow(/append-only/);
    db.close();
  });

  it('names the first tampered entry, even when the tamperer bypasses the triggers', async () => {
    const core = await deskWithHistory();
    core.close();
    const db = openRaw(core.dbPath);
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare(`UPDATE audit_log SET actor = 'someone-else' WHERE seq = 4`).run();
    db.close();
    const again = newCore({ dbPath: core.dbPath });
    value(await again.invoke('auth.login', { login: 'admin', password: 'admin-pass-1' }));
    const result = value<AuditVerifyResult>(await again.invoke('audit.verify', {}));
    expect(result.ok).toBe(false);
    expect(result.firstBroken?.seq).toBe(4);
    expect(result.checked).toBe(3);
  });

  it('finds a removed entry', async () => {
    const core = await deskWithHistory();
    core.close();
    const db = openRaw(core.dbPath);
    db.exec('DROP TRIGGER audit_log_no_delete');
    db.prepare(`DELETE FROM audit_log WHERE seq = 2`).run();
    db.close();
    const again = newCore({ dbPath: core.dbPath });
    value(await again.invoke('auth.login', { login: 'admin', password: 'admin-pass-1' }));
    const result = value<AuditVerifyResult>(await again.invoke('audit.verify', {}));
    expect(result.firstBroken).toMatchObject({ seq: 2, reason: expect.stringContaining('缺少') });
  });

  it('reports progress while verifying', async () => {
    const core = await deskWithHistory();
    const events: unknown[] = [];
    core.onEvent((e) => events.push(e));
    value(await core.invoke('audit.verify', {}, 'call-1'));
    expect(events).toContainEqual({ type: 'progress', callId: 'call-1', method: 'audit.verify', done: 7, total: 7, phase: undefined });
  });
});

describe('cancelling a long call', () => {
  it('stops audit verification with CANCELLED', async () => {
    const core = await deskWithHistory();
    const pending = core.invoke('audit.verify', {}, 'to-cancel');
    core.cancel('to-cancel');
    expect(await pending).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    // The desk keeps working afterwards.
    expect((await core.invoke('audit.verify', {}, 'next')).ok).toBe(true);
  });
});
