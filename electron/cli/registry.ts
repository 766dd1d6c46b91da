/**
 * Every command, in the order `help` lists them. To add one: write
 * commands/<name>.ts with `defineCommand({...})` and add it here.
 */
import type { Command } from './command';
import { auditVerifyCommand } from './commands/audit';
import { backupCreateCommand, backupRestoreCommand, backupVerifyCommand } from './commands/backup';
import { batchApproveCommand, batchCancelCommand, batchExportCommand, batchListCommand, batchPrepareCommand, batchRejectCommand, batchShowCommand } from './commands/batch';
import { keyExportCommand, keyGenerateCommand, keyListCommand } from './commands/key';
import { receiptImportCommand, receiptPackCommand } from './commands/receipt';
import { rulesInstallCommand, rulesListCommand } from './commands/rules';
import { verifyCommand } from './commands/verify';
import { calendarDueCommand, calendarInstallCommand, calendarShowCommand } from './commands/calendar';
import {
  caseAcceptCommand,
  caseAnswerCommand,
  caseApproveCommand,
  caseRequestMaterialsCommand,
  caseServeCommand,
  printCaseSheetCommand,
  printRepairNoticeCommand,
  caseAttachCommand,
  caseExtendCommand,
  caseFileCommand,
  caseListCommand,
  caseMaterialsCommand,
  caseProposeCommand,
  caseRefuseCommand,
  caseReturnCommand,
  caseShowCommand,
  printLetterCommand,
} from './commands/cases';
import { recordShowCommand } from './commands/record';
import { checkCommand, checkFeedbackCommand } from './commands/check';
import { listImportCommand, listListCommand, listPackCommand, listPinCommand } from './commands/list';
import { printBatchSheetCommand, printCheckCommand, printCreditFileCommand, printKeySheetCommand, printLogCommand, printLookupCommand, printManualCommand } from './commands/print';
import { demoCommand } from './commands/demo';
import { reportMonthCommand, reportWarningsCommand } from './commands/report';
import { exportCommand } from './commands/export';
import { importCommand } from './commands/import';
import { searchCommand } from './commands/search';
import { infoCommand } from './commands/info';
import { departmentSetCommand } from './commands/department';
import { initCommand } from './commands/init';
import { userAddCommand, userDisableCommand, userEnableCommand, userListCommand, userPasswdCommand, userResetCommand, userSetPasswordCommand } from './commands/user';

export const COMMANDS: readonly Command[] = [
  initCommand,
  infoCommand,
  departmentSetCommand,
  userAddCommand,
  userListCommand,
  userDisableCommand,
  userEnableCommand,
  userSetPasswordCommand,
  userPasswdCommand,
  userResetCommand,
  auditVerifyCommand,
  backupCreateCommand,
  backupVerifyCommand,
  backupRestoreCommand,
  importCommand,
  searchCommand,
  exportCommand,
  demoCommand,
  keyGenerateCommand,
  keyExportCommand,
  keyListCommand,
  batchPrepareCommand,
  batchListCommand,
  batchShowCommand,
  batchApproveCommand,
  batchRejectCommand,
  batchCancelCommand,
  batchExportCommand,
  verifyCommand,
  receiptImportCommand,
  receiptPackCommand,
  rulesListCommand,
  rulesInstallCommand,
  recordShowCommand,
  calendarDueCommand,
  calendarShowCommand,
  calendarInstallCommand,
  caseFileCommand,
  caseListCommand,
  caseShowCommand,
  caseAcceptCommand,
  caseRefuseCommand,
  caseMaterialsCommand,
  caseRequestMaterialsCommand,
  caseAttachCommand,
  caseExtendCommand,
  caseProposeCommand,
  caseApproveCommand,
  caseReturnCommand,
  caseAnswerCommand,
  caseServeCommand,
  listPinCommand,
  listImportCommand,
  listListCommand,
  listPackCommand,
  checkCommand,
  checkFeedbackCommand,
  printCreditFileCommand,
  printBatchSheetCommand,
  printKeySheetCommand,
  printCheckCommand,
  printLogCommand,
  printLookupCommand,
  printManualCommand,
  printLetterCommand,
  printRepairNoticeCommand,
  printCaseSheetCommand,
  reportMonthCommand,
  reportWarningsCommand,
] as Command[];

export function commandTitle(command: Pick<Command, 'name'>): string {
  return command.name.join(' ');
}

/** The command whose name is the longest prefix of `words`. */
export function findCommand(words: readonly string[], commands: readonly Command[] = COMMANDS): Command | undefined {
  let best: Command | undefined;
  for (const c of commands) {
    if (c.name.length <= words.length && c.name.every((w, i) => words[i] === w)) {
      if (!best || c.name.length > best.name.length) best = c;
    }
  }
  return best;
}

/** Commands whose name starts with `words` (e.g. all of `user …`). */
export function commandsUnder(words: readonly string[], commands: readonly Command[] = COMMANDS): Command[] {
  return commands.filter((c) => c.name.length > words.length && words.every((w, i) => c.name[i] === w));
}
