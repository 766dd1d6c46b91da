/** The host's worker client runs the real core in a real worker thread. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CoreWorkerClient } from '../../electron/host/worker-client';
import { DEPARTMENT, FAST_KDF, tempFolder } from '../helpers';


describe('core in a worker thread', () => {
  it('answers contract calls and streams progress events', async () => {
    const dbPath = join(tempFolder(), 'department.db');
    // From source through tsx, as the built app loads out/main/worker.js.
    const client = new CoreWorkerClient(join(__dirname, '../fixtures/scripts/worker-from-source.mjs'), { dbPath, kdfCost: FAST_KDF });
    try {
      const status = await client.invoke('app.status', {});
      expect(status).toMatchObject({ ok: true, value: { initialized: false, user: null } });
      const setup = await client.invoke('setup.initialize', {
        department: DEPARTMENT,
        admin: { login: 'admin', name: '管理员', password: 'admin-pass-1' },
      });
      expect(setup.ok).toBe(true);
      const events: unknown[] = [];
      client.onEvent((e) => events.push(e));
      const verify = await client.invoke('audit.verify', {}, 'c1');
      expect(verify).toMatchObject({ ok: true, value: { ok: true } });
      expect(events).toContainEqual(expect.objectContaining({ type: 'progress', callId: 'c1', method: 'audit.verify' }));
      // Errors cross the thread boundary as data with their stable code.
      expect(await client.invoke('users.add', {})).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
      expect(await client.invoke('no.such.method', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    } finally {
      await client.close();
    }
  });
});
