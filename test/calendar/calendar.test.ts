/**
 * The working-day calendar against the State Council's notices, day by day,
 * and clocks across 春节 and 国庆 including the Saturdays and Sundays worked
 * instead (民法典 第201条: the day of the event is not counted).
 *
 * The notices are written out here as they read (dates with the weekday the
 * notice gives), independently of the shipped data files; a second,
 * independent source (the chinese-days package's data) is compared too.
 */
import { getDayDetail } from 'chinese-days';
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  calendarYear,
  dayNumber,
  describeDay,
  isWorkingDay,
  listCalendarYears,
  registerCalendarYear,
  workingDaysBetween,
  workingDaysBetweenDetailed,
  ymdOf,
} from '../../electron/core/calendar';

const WEEKDAY = '日一二三四五六';

interface Notice {
  year: number;
  /** [first day off, last day off, weekday of the first as the notice writes it, of the last]. */
  off: [string, string, string, string][];
  /** Adjusted working days with the weekday the notice gives. */
  worked: [string, string][];
}

// 国办发明电〔2024〕12号 (2024-11-12): 一、元旦：1月1日（周三）放假1天，不调休。二、春节：1月28日（农历除夕、周二）
// 至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。三、清明节：4月4日（周五）
// 至6日（周日）放假，共3天。四、劳动节：5月1日（周四）至5日（周一）放假调休，共5天。4月27日（周日）上班。
// 五、端午节：5月31日（周六）至6月2日（周一）放假，共3天。六、国庆节、中秋节：10月1日（周三）至8日（周三）
// 放假调休，共8天。9月28日（周日）、10月11日（周六）上班。
const NOTICE_2025: Notice = {
  year: 2025,
  off: [
    ['2025-01-01', '2025-01-01', '三', '三'],
    ['2025-01-28', '2025-02-04', '二', '二'],
    ['2025-04-04', '2025-04-06', '五', '日'],
    ['2025-05-01', '2025-05-05', '四', '一'],
    ['2025-05-31', '2025-06-02', '六', '一'],
    ['2025-10-01', '2025-10-08', '三', '三'],
  ],
  worked: [
    ['2025-01-26', '日'],
    ['2025-02-08', '六'],
    ['2025-04-27', '日'],
    ['2025-09-28', '日'],
    ['2025-10-11', '六'],
  ],
};

// 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04): 一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。
// 1月4日（周日）上班。二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。
// 2月14日（周六）、2月28日（周六）上班。三、清明节：4月4日（周六）至6日（周一）放假，共3天。四、劳动节：
// 5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。五、端午节：6月19日（周五）至21日（周日）
// 放假，共3天。六、中秋节：9月25日（周五）至27日（周日）放假，共3天。七、国庆节：10月1日（周四）至7日（周三）
// 放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
const NOTICE_2026: Notice = {
  year: 2026,
  off: [
    ['2026-01-01', '2026-01-03', '四', '六'],
    ['2026-02-15', '2026-02-23', '日', '一'],
    ['2026-04-04', '2026-04-06', '六', '一'],
    ['2026-05-01', '2026-05-05', '五', '二'],
    ['2026-06-19', '2026-06-21', '五', '日'],
    ['2026-09-25', '2026-09-27', '五', '日'],
    ['2026-10-01', '2026-10-07', '四', '三'],
  ],
  worked: [
    ['2026-01-04', '日'],
    ['2026-02-14', '六'],
    ['2026-02-28', '六'],
    ['2026-05-09', '六'],
    ['2026-09-20', '日'],
    ['2026-10-10', '六'],
  ],
};

const weekdayOf = (ymd: string) => WEEKDAY[new Date(`${ymd}T00:00:00Z`).getUTCDay()];

function daysOf(year: number): string[] {
  const out: string[] = [];
  for (let d = dayNumber(`${year}-01-01`); d <= dayNumber(`${year}-12-31`); d++) out.push(ymdOf(d));
  return out;
}

describe.each([NOTICE_2025, NOTICE_2026])('the $year notice, day by day', (notice) => {
  it('reads the notice as written (every date has the weekday the notice gives)', () => {
    for (const [from, to, wFrom, wTo] of notice.off) {
      expect(weekdayOf(from), from).toBe(wFrom);
      expect(weekdayOf(to), to).toBe(wTo);
    }
    for (const [date, w] of notice.worked) expect(weekdayOf(date), date).toBe(w);
  });

  it('every day of the year is a working day exactly when the notice says so', () => {
    const off = new Set<string>();
    for (const [from, to] of notice.off) for (let d = dayNumber(from); d <= dayNumber(to); d++) off.add(ymdOf(d));
    const worked = new Set(notice.worked.map(([d]) => d));
    const days = daysOf(notice.year);
    expect(days.length).toBe(365);
    const mismatches: string[] = [];
    for (const date of days) {
      const w = new Date(`${date}T00:00:00Z`).getUTCDay();
      const expected = off.has(date) ? false : worked.has(date) ? true : w !== 0 && w !== 6;
      if (isWorkingDay(date) !== expected) mismatches.push(date);
      const info = describeDay(date);
      expect(info.working).toBe(expected);
      expect(info.kind).toBe(off.has(date) ? 'holiday' : worked.has(date) ? 'adjusted-workday' : expected ? 'workday' : 'weekend');
      expect(info.version).toBe(`cn-${notice.year}.1`);
    }
    expect(mismatches).toEqual([]);
  });

  it('agrees with an independent source (the chinese-days package) on every day', () => {
    const disagreements = daysOf(notice.year).filter((date) => getDayDetail(date).work !== isWorkingDay(date));
    expect(disagreements).toEqual([]);
  });

  it('counts the year’s working days as the notice implies', () => {
    const working = daysOf(notice.year).filter(isWorkingDay).length;
    // 2025: 261 weekdays − 18 of them off (1 + 6 + 1 + 3 + 1 + 6) + 5 weekend days worked;
    // 2026: 261 − 19 (2 + 6 + 1 + 3 + 1 + 1 + 5) + 6.
    expect(working).toBe(248);
  });
});

describe('clocks across 春节 and 国庆 (the day of the event not counted)', () => {
  it.each([
    // 2026 春节: 2/14 (Sat) worked, 2/15–2/23 off, 2/28 (Sat) worked.
    ['2026-02-12', 1, '2026-02-13'],
    ['2026-02-13', 1, '2026-02-14'],
    ['2026-02-13', 2, '2026-02-24'],
    ['2026-02-12', 5, '2026-02-26'],
    ['2026-02-13', 5, '2026-02-27'],
    ['2026-02-13', 6, '2026-02-28'],
    ['2026-02-13', 7, '2026-03-02'],
    ['2026-02-16', 3, '2026-02-26'], // received during the holiday: counting starts after it
    // 2026 中秋 + 国庆: 9/20 (Sun) worked, 9/25–27 off, 10/1–7 off, 10/10 (Sat) worked.
    ['2026-09-18', 1, '2026-09-20'],
    ['2026-09-24', 5, '2026-10-09'],
    ['2026-09-30', 1, '2026-10-08'],
    ['2026-09-30', 3, '2026-10-10'],
    ['2026-09-30', 4, '2026-10-12'],
    // 2025 春节: 1/26 (Sun) worked, 1/28–2/4 off, 2/8 (Sat) worked.
    ['2025-01-24', 1, '2025-01-26'],
    ['2025-01-24', 3, '2025-02-05'],
    ['2025-02-05', 3, '2025-02-08'],
    // 2025 国庆、中秋: 9/28 (Sun) worked, 10/1–8 off, 10/11 (Sat) worked.
    ['2025-09-26', 1, '2025-09-28'],
    ['2025-09-28', 1, '2025-09-29'],
    ['2025-09-30', 1, '2025-10-09'],
    ['2025-09-30', 3, '2025-10-11'],
    // New year: 2025-12-31 → 2026-01-01..03 off, 01-04 (Sun) worked.
    ['2025-12-31', 1, '2026-01-04'],
    ['2025-12-30', 5, '2026-01-07'],
  ] as const)('%s + %i working days → %s', (from, n, due) => {
    const r = addWorkingDays(from, n);
    expect(r.date).toBe(due);
    expect(r.estimated).toBe(false);
    expect(r.yearsWithoutData).toEqual([]);
    expect(workingDaysBetween(from, due)).toBe(n);
    expect(addWorkingDays(due, -n).date <= from).toBe(true);
  });

  it('names the calendar versions a due date used', () => {
    expect(addWorkingDays('2025-12-30', 5).versions).toEqual(['cn-2025.1', 'cn-2026.1']);
    expect(addWorkingDays('2026-02-13', 5).versions).toEqual(['cn-2026.1']);
    expect(addWorkingDays('2026-03-02', 0)).toEqual({ date: '2026-03-02', versions: [], yearsWithoutData: [], estimated: false });
  });

  it('working days left: 0 on the due day, negative once passed, symmetric', () => {
    expect(workingDaysBetween('2026-02-26', '2026-02-26')).toBe(0);
    expect(workingDaysBetween('2026-02-13', '2026-02-24')).toBe(2);
    expect(workingDaysBetween('2026-02-24', '2026-02-13')).toBe(-2);
    expect(workingDaysBetween('2026-02-27', '2026-02-26')).toBe(-1);
    // A holiday after the due date does not make a case "more overdue".
    expect(workingDaysBetween('2026-10-07', '2026-09-30')).toBe(0);
  });

  it('round-trips for every start day of 2025–2026 and periods up to 25 working days', () => {
    for (let d = dayNumber('2025-01-01'); d <= dayNumber('2026-12-01'); d += 3) {
      const from = ymdOf(d);
      for (const n of [1, 2, 3, 5, 10, 25]) {
        const due = addWorkingDays(from, n).date;
        expect(isWorkingDay(due)).toBe(true);
        expect(workingDaysBetween(from, due)).toBe(n);
      }
    }
  });
});

describe('a year without data', () => {
  it('counts weekends only, says so, and becomes exact once the year is installed', () => {
    expect(listCalendarYears().map((y) => y.year)).toEqual([2025, 2026]);
    const estimate = addWorkingDays('2026-12-30', 5);
    // 12-31 (Thu), 2027-01-01 (Fri, no data: a working day), 01-04, 01-05, 01-06.
    expect(estimate).toEqual({ date: '2027-01-06', versions: ['cn-2026.1'], yearsWithoutData: [2027], estimated: true });
    expect(describeDay('2027-01-01')).toMatchObject({ working: true, kind: 'workday', version: null });
    expect(workingDaysBetweenDetailed('2026-12-30', '2027-01-06')).toMatchObject({ days: 5, estimated: true, yearsWithoutData: [2027] });

    // A test year (not the real 2027 schedule, which is not published yet).
    registerCalendarYear({
      format: 'credit-desk-calendar/1',
      region: 'CN',
      year: 2027,
      version: 'test-2027.1',
      source: '测试用日历',
      holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }],
      workdays: [{ name: '元旦调休上班', date: '2027-01-09' }],
    });
    expect(addWorkingDays('2026-12-30', 5)).toEqual({ date: '2027-01-07', versions: ['cn-2026.1', 'test-2027.1'], yearsWithoutData: [], estimated: false });
    expect(isWorkingDay('2027-01-09')).toBe(true);
    expect(calendarYear(2027)?.version).toBe('test-2027.1');
  });

  it('refuses a table that contradicts itself or its year, and a version twice', () => {
    const base = { format: 'credit-desk-calendar/1', region: 'CN', year: 2028, version: 'test-2028.1', source: '测试', holidays: [{ name: '元旦', from: '2028-01-01', to: '2028-01-01' }], workdays: [] };
    expect(() => registerCalendarYear({ ...base, workdays: [{ name: '调休', date: '2028-01-05' }] })).toThrow('不是周六或周日');
    expect(() => registerCalendarYear({ ...base, holidays: [{ name: '春节', from: '2028-02-01', to: '2027-12-31' }] })).toThrow('不在 2028 年内');
    expect(() => registerCalendarYear({ ...base, holidays: [{ name: '春节', from: '2028-02-09', to: '2028-02-02' }] })).toThrow('晚于放假止');
    expect(() => registerCalendarYear({ ...base, holidays: [{ name: '元旦', from: '2028-01-01', to: '2028-01-02' }], workdays: [{ name: '调休', date: '2028-01-02' }] })).toThrow('同时是放假日');
    expect(() => registerCalendarYear({ ...base, year: 'x' })).toThrow('日历格式有误');
    expect(() => registerCalendarYear({ ...base, version: 'cn-2026.1' })).toThrow('已存在');
    expect(calendarYear(2028)).toBeUndefined();
  });
});
