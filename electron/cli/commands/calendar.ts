/**
 * The working-day calendar (domain.md §6): `calendar due` counts N working days
 * after a date as 民法典 第201条 does, `calendar show YEAR` lists a year's
 * holidays and adjusted working days, `calendar install FILE.json` adds a year
 * (or a corrected version of one) from the State Council's notice (系统管理员).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { CoreError } from '../../core/errors';
import { parseCalendarFile } from '../../core/io/json-table';
import { resolve } from 'node:path';
import type { CalendarYearView } from '../../contract/cases';
import { AS_OPTION, DB_OPTION } from '../args';
import { defineCommand } from '../command';
import { usage } from '../errors';
import { actAs, checkActingPassword } from '../acting';
import { PASSWORD_ENV } from '../secrets';
import { fields, table } from '../text';
import { refusalsExit1 } from './batch';
import { dateOf, integerOf } from './records-options';

function describeYear(y: CalendarYearView): string {
  if (!y.version) return `${y.year} 年尚无节假日安排：按周六、周日休息估算（共 ${y.workingDays} 个工作日）。国务院公布安排后，请用 calendar install 安装。`;
  return [
    fields([
      ['年份', String(y.year)],
      ['版本', `${y.version}${y.installed ? '（已安装）' : '（内置）'}`],
      ['依据', y.source ?? '—'],
      ['工作日', `${y.workingDays} 天`],
    ]),
    '',
    table(['节日', '放假'], y.holidays.map((h) => [h.name, h.from === h.to ? h.from : `${h.from} 至 ${h.to}`])),
    '',
    y.workdays.length ? table(['调休上班', '日期'], y.workdays.map((w) => [w.name, w.date])) : '（没有调休上班日）',
  ].join('\n');
}

export const calendarDueCommand = defineCommand({
  name: ['calendar', 'due'],
  summary: '计算某日之后第 N 个工作日（按国务院节假日安排，起算日不计入）',
  details: '起算之日不计入（民法典第二百零一条），期限为其后的第 N 个工作日。跨入尚无节假日安排的年份时按周末估算，并在结果中注明（calendar.estimated）。',
  options: {
    db: DB_OPTION,
    as: AS_OPTION,
    from: { type: 'string', value: 'YYYY-MM-DD', description: '起算日（如收到申请之日、作出决定之日）', required: true },
    days: { type: 'string', value: '工作日数', description: '工作日数（0–3650）', required: true },
  },
  examples: [`${PASSWORD_ENV}=… credit-desk calendar due --db 信用.db --as lisi --from 2026-02-13 --days 5 --json`],
  async run(ctx) {
    const from = dateOf('from', ctx.args.need('from'));
    const days = integerOf('days', ctx.args.need('days'), 0, 3650)!;
    checkActingPassword(ctx);
    return actAs(ctx, async (desk) => {
      const r = await desk.call('calendar.due', { from, days });
      const note = r.calendar.estimated ? `\n注意：${r.calendar.yearsWithoutData.join('、')} 年尚无节假日安排，按周末估算，安装该年日历后可能变动。` : '';
      return {
        data: { due: r.due, calendar: r.calendar, from, days },
        text: `${from} 之后第 ${days} 个工作日：${r.due}（日历 ${r.calendar.versions.join('、') || '—'}）${note}`,
      };
    });
  },
});

export const calendarShowCommand = defineCommand({
  name: ['calendar', 'show'],
  summary: '显示某年的放假和调休上班安排',
  options: { db: DB_OPTION, as: AS_OPTION },
  positionals: [{ name: 'year', value: '年份', description: '如 2026', required: true }],
  async run(ctx) {
    const year = integerOf('year', ctx.args.positional('year'), 1900, 2200)!;
    checkActingPassword(ctx);
    return actAs(ctx, async (desk) => {
      const y = await desk.call('calendar.show', { year });
      return { data: { ...y }, text: describeYear(y) };
    });
  },
});

export const calendarInstallCommand = defineCommand({
  name: ['calendar', 'install'],
  summary: '安装某年的节假日安排（JSON），或某年安排的更正版本（系统管理员）',
  details: [
    '文件格式与内置的 2025、2026 年相同：{"format":"credit-desk-calendar/1","region":"CN","year":2027,"version":"cn-2027.1","source":"国务院办公厅关于2027年部分节假日安排的通知（…）",',
    '"holidays":[{"name":"元旦","from":"2027-01-01","to":"2027-01-01"},…],"workdays":[{"name":"春节调休上班","date":"…"},…]}。',
    '放假日须在该年内；调休上班日须是周六或周日，且不与放假日重叠。版本号不可重复；同一年安装新版本后，以新版本为准。',
    '安装后，未办结案件的办理期限按新日历重新计算（有变化的在案件经过中记录）。',
  ].join('\n'),
  options: { db: DB_OPTION, as: AS_OPTION },
  positionals: [{ name: 'file', value: '日历.json', description: '日历文件（JSON）', required: true }],
  async run(ctx) {
    const path = resolve(ctx.args.positional('file')!);
    if (!existsSync(path) || !statSync(path).isFile()) throw usage(`文件不存在：${path}`);
    let body: Record<string, unknown>;
    try {
      body = parseCalendarFile(readFileSync(path));
    } catch (err) {
      throw usage(err instanceof CoreError ? err.message : String(err));
    }
    checkActingPassword(ctx);
    return refusalsExit1(
      actAs(ctx, async (desk) => {
        const r = await desk.call('calendar.install', { table: body });
        const y = await desk.call('calendar.show', { year: r.year });
        const head = `已安装 ${r.year} 年日历 ${r.version}${r.replaces ? `（取代 ${r.replaces}）` : ''}；${r.casesMoved} 件未办结案件的期限随之改变。`;
        return { data: { ...r, file: path }, text: `${head}\n\n${describeYear(y)}` };
      }),
    );
  },
});
