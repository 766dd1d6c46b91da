/**
 * The domain groups' handlers (records, import and export, batches, printing, cases,
 * lists, checks, backup, support, statistics). handlers.ts loads this module at the
 * first call of one of their methods, so that a command which only logs in and reads
 * the department (`info`) starts without compiling them (issue 22 item 7).
 */
import { recordHandlers } from './records/handlers';
import { ioHandlers } from './records/io-handlers';
import { batchHandlers } from './batches/handlers';
import { calendarHandlers } from './calendar/handlers';
import { caseHandlers } from './cases/handlers';
import { listHandlers } from './lists/handlers';
import { checkHandlers } from './checks/handlers';
import { printHandlers } from './print/handlers';
import { backupHandlers } from './backup/handlers';
import { supportHandlers } from './support/handlers';
import { statisticsHandlers } from './statistics/handlers';

export const groupHandlers = {
  ...recordHandlers,
  ...ioHandlers,
  ...batchHandlers,
  ...printHandlers,
  ...calendarHandlers,
  ...caseHandlers,
  ...listHandlers,
  ...checkHandlers,
  ...backupHandlers,
  ...supportHandlers,
  ...statisticsHandlers,
};
