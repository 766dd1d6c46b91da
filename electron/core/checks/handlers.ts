/** Contract handlers for credit checks: one subject, many from a file, the check log, sanction feedback. */
import { readFileSync, writeFileSync } from 'node:fs';
import { and, eq, ne, sql } from 'drizzle-orm';
import { subjects } from '../../../drizzle/schema';
import { extname, join } from 'node:path';
import type { Role } from '../../contract/roles';
import { withTemp } from '../batches/package';
import type { Desk } from '../desk';
import { CoreError } from '../errors';
import type { Handlers } from '../handlers';
import { displayCode } from '../lists/format';
import { currentVersionIds, currentVersions } from '../lists/queries';
import { classifySubject, findHits, type CheckContext } from './check';
import { checkFile } from './many';
import { buildCheckResult } from './print';
import { printDocument } from '../print/service';
import { preparedQuery } from '../store/orm';
import { addFeedback, checkNumbers, checkRow, checkView, feedbackOf, insertCheck, listChecks } from './log';

type CheckHandlers = Pick<Handlers, 'checks.run' | 'checks.runUpload' | 'checks.runFile' | 'checks.list' | 'checks.get' | 'checks.feedback' | 'print.checkResult'>;

/** A coded subject's name, read by every single check (bench section E): kept prepared. */
const codedSubjectName = preparedQuery((o) =>
  o
    .select({ name: subjects.name })
    .from(subjects)
    .where(and(ne(subjects.codeType, 'name'), eq(subjects.code, sql.placeholder('code'))))
    .prepare(),
);

/** Roles that see (and may give feedback on) everybody's checks; a clerk alone sees their own. */
const SEE_ALL: readonly Role[] = ['approver', 'auditor'];

function seesAll(desk: Desk): boolean {
  return desk.currentUser().roles.some((r) => SEE_ALL.includes(r));
}

function mayRead(desk: Desk, by: string): void {
  if (by !== desk.login && !seesAll(desk)) throw new CoreError('FORBIDDEN', '录入员只能查看自己所做的核查。');
}

export const checkHandlers: CheckHandlers = {
  'checks.run': ({ desk }, { subject, matter }) => {
    const db = desk.db;
    const at = desk.now().toISOString();
    const q = classifySubject(subject);
    // A code alone: the department's own subject gives the name (to find list entries that carry no code).
    if (q.code) q.name = codedSubjectName(db).get({ code: q.code })?.name ?? null;
    const ctx: CheckContext = { db, matter, today: at.slice(0, 10), versions: new Map(), versionIds: currentVersionIds(db) };
    const versions = currentVersions(db).map(({ listId, name, version, issuedOn }) => ({ listId, name, version, issuedOn }));
    const hits = findHits(ctx, q);
    const subjectName = q.name ?? hits.find((h) => h.matchedBy === 'code')?.name ?? null;
    // The number is taken inside the transaction that writes the check and its audit entry
    // (another process on the same database cannot take it meanwhile).
    const checkNo = db.transaction(() => {
      const no = checkNumbers(db, at)();
      insertCheck(db, { checkNo: no, at, by: desk.login!, matter, query: subject, subjectName, subjectCode: q.code, subjectKind: q.kind, hits, versions });
      desk.audit({
        actor: desk.login,
        method: 'checks.run',
        target: `check:${no}`,
        outcome: 'ok',
        detail: { matter, subject: subjectName, code: displayCode(q.code), kind: q.kind, hits: hits.length },
      });
      return no;
    })();
    return checkView(db, checkRow(db, checkNo));
  },

  'checks.runUpload': ({ desk, signal, progress }, { fileName, content, matter }) => {
    const ext = extname(fileName).toLowerCase();
    if (ext !== '.xlsx' && ext !== '.csv') throw new CoreError('BAD_FILE', `申请人名单应为 .xlsx 或 .csv 文件：${fileName}`);
    return withTemp(async (folder) => {
      const path = join(folder, `applicants${ext}`);
      const out = join(folder, 'result.xlsx');
      writeFileSync(path, Buffer.from(content, 'base64'), { mode: 0o600 });
      const summary = await checkFile(desk, { path, fileName, matter, out, signal, progress: (n, total) => progress(n, total, 'check') });
      const base = fileName.replace(/\.[^.]+$/, '');
      return { summary, file: { fileName: `${base}-核查结果.xlsx`, content: readFileSync(out).toString('base64') } };
    });
  },

  'checks.runFile': async ({ desk, signal, progress }, { path, out, matter }) => {
    const summary = await checkFile(desk, { path, fileName: path.split(/[\\/]/).pop()!, matter, out, signal, progress: (n, total) => progress(n, total, 'check') });
    return { summary, out };
  },

  'checks.list': ({ desk }, q) => listChecks(desk.db, { ...q, by: seesAll(desk) ? undefined : desk.login! }),

  'checks.get': ({ desk }, { checkNo }) => {
    const row = checkRow(desk.db, checkNo.toUpperCase());
    mayRead(desk, row.by);
    return checkView(desk.db, row);
  },

  'print.checkResult': ({ desk }, { checkNo }) => {
    const row = checkRow(desk.db, checkNo.toUpperCase());
    mayRead(desk, row.by);
    return printDocument(desk, buildCheckResult(checkView(desk.db, row)), 'print.checkResult');
  },

  'checks.feedback': ({ desk }, { checkNo, measure, note }) => {
    const row = checkRow(desk.db, checkNo.toUpperCase());
    if (row.by !== desk.login && !desk.currentUser().roles.includes('approver')) {
      throw new CoreError('FORBIDDEN', '只有做这次核查的人或审核人可以记录反馈。');
    }
    const id = desk.write({ method: 'checks.feedback', target: `check:${row.checkNo}`, detail: { measure, note } }, (db) =>
      addFeedback(db, row.id, measure, note, desk.login!, desk.now().toISOString()),
    );
    return feedbackOf(desk.db, row.id).find((f) => f.feedbackId === id)!;
  },
};
