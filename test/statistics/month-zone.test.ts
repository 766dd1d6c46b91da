/**
 * A month of the figures is the department's calendar month: its midnights in the
 * department's time zone (issue 19's one zone), not a fixed UTC+8.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { setDepartmentTimeZone } from '../../electron/contract/zone';
import { monthOf, monthWindow } from '../../electron/core/statistics/month';

afterEach(() => setDepartmentTimeZone(null));

describe('the month of the statistics', () => {
  it('begins and ends at the department’s midnights', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    expect(monthWindow('2026-03', now)).toMatchObject({ start: '2026-02-28T16:00:00.000Z', end: '2026-03-31T16:00:00.000Z', from: '2026-03-01', to: '2026-03-31', complete: true });
    setDepartmentTimeZone('Asia/Urumqi'); // UTC+6
    expect(monthWindow('2026-03', now)).toMatchObject({ start: '2026-02-28T18:00:00.000Z', end: '2026-03-31T18:00:00.000Z' });
    // 2026-03-31 17:00 UTC is still March in Urumqi (23:00), already April in Shanghai (01:00).
    expect(monthOf(new Date('2026-03-31T17:00:00Z'))).toBe('2026-03');
    setDepartmentTimeZone('Asia/Shanghai');
    expect(monthOf(new Date('2026-03-31T17:00:00Z'))).toBe('2026-04');
  });
});
