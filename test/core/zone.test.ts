/**
 * One time zone for everything shown or printed (issue 19, item 14): the department's,
 * whatever the PC's zone is (this test runs under the machine's own TZ).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { departmentTimeZone, nextDay, setDepartmentTimeZone, zonedDate, zonedDateTime, zonedDayStart } from '../../electron/contract/zone';
import { chinaDateTime } from '../../electron/core/print/time';
import { localDayStart } from '../../electron/core/audit/query';
import { clerkDesk, value } from '../helpers';

afterEach(() => setDepartmentTimeZone('Asia/Shanghai'));

describe('the department’s zone', () => {
  it('China Standard Time by default: the fast path agrees with Intl at every hour of a year', () => {
    expect(departmentTimeZone()).toBe('Asia/Shanghai');
    const intl = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'medium' });
    for (let h = 0; h < 366 * 24; h += 7) {
      const at = Date.UTC(2026, 0, 1) + h * 3_600_000 + 59_000;
      expect(zonedDateTime(at)).toBe(intl.format(at));
    }
    expect(zonedDateTime('2026-12-31T16:30:00Z')).toBe('2027-01-01 00:30:00');
    expect(zonedDate('2026-12-31T15:59:59Z')).toBe('2026-12-31');
    expect(chinaDateTime('2026-12-31T16:30:00Z')).toBe('2027-01-01 00:30');
    expect(zonedDayStart('2027-01-01')).toBe('2026-12-31T16:00:00.000Z');
    expect(localDayStart('2027-01-01')).toBe('2026-12-31T16:00:00.000Z');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(zonedDateTime('not a time')).toBe('not a time');
    expect(zonedDateTime(null)).toBe('');
  });

  it('another zone, also across a change to daylight saving time', () => {
    setDepartmentTimeZone('Asia/Urumqi');
    expect(zonedDateTime('2026-06-01T00:00:00Z')).toBe('2026-06-01 06:00:00');
    expect(zonedDayStart('2026-06-01')).toBe('2026-05-31T18:00:00.000Z');
    setDepartmentTimeZone('America/New_York');
    expect(zonedDayStart('2026-03-08')).toBe('2026-03-08T05:00:00.000Z'); // EST, the day DST starts
    expect(zonedDayStart('2026-03-09')).toBe('2026-03-09T04:00:00.000Z'); // EDT
    setDepartmentTimeZone('Not/AZone');
    expect(departmentTimeZone()).toBe('Asia/Shanghai');
  });

  it('is a setting of the department: checked, stored, applied at login', async () => {
    const core = await clerkDesk();
    value(await core.invoke('auth.logout', {}));
    value(await core.invoke('auth.login', { login: 'admin', password: 'admin-pass-1' }));
    expect(value(await core.invoke('settings.get', {}))).toEqual({ idleLockMinutes: 10, idSearchBurst: { count: 20, minutes: 10 }, timeZone: 'Asia/Shanghai' });
    const bad = await core.invoke('settings.update', { timeZone: 'Mars/Olympus' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(bad.ok ? '' : bad.error.message).toMatch(/时区/);
    value(await core.invoke('settings.update', { timeZone: 'Asia/Urumqi' }));
    expect(departmentTimeZone()).toBe('Asia/Urumqi');
    setDepartmentTimeZone('Asia/Shanghai');
    value(await core.invoke('auth.logout', {}));
    value(await core.invoke('auth.login', { login: 'clerk1', password: 'clerk-pass-1' }));
    expect(departmentTimeZone()).toBe('Asia/Urumqi');
    expect(value(await core.invoke('settings.get', {}))).toEqual({ idleLockMinutes: 10, idSearchBurst: { count: 20, minutes: 10 }, timeZone: 'Asia/Urumqi' });
  });
});
