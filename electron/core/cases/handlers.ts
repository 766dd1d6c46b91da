/**
 * Contract handlers for objection and repair cases. Files are checked (type by
 * content, size) before the transaction starts; each change and its audit entry
 * are one transaction (desk.write), so a refused step leaves nothing behind.
 */
import { methods, mayCall } from '../../contract/methods';
import { chinaDate } from '../calendar';
import { CoreError } from '../errors';
import { printDocument } from '../print/service';
import { buildLetter } from './letters';
import { buildCaseSheet } from './case-sheet';
import { buildRepairNotice, issueRepairNotice } from '../letters/repair-notice';
import { recordService, repairNoticeOf } from '../letters/register';
import type { Desk } from '../desk';
import { eq } from 'drizzle-orm';
import { letters as letterTable } from '../../../drizzle/schema';
import { orm } from '../store/orm';
import type { Handlers } from '../handlers';
import { attachmentContent, checkBase64Attachment, type CheckedAttachment } from './attachments';
import { caseDetail, caseOverview, listCases } from './queries';
import { statisticCases } from '../statistics/drill';
import {
  acceptCase,
  actorAt,
  answerCase,
  approveProposal,
  attachToCase,
  extendCase,
  getCase,
  proposeOutcome,
  refuseCase,
  registerCase,
  requestMaterials,
  returnProposal,
  type Actor,
} from './service';

type CaseHandlers = Pick<
  Handlers,
  | 'cases.register'
  | 'cases.list'
  | 'cases.overview'
  | 'cases.get'
  | 'cases.accept'
  | 'cases.refuse'
  | 'cases.attach'
  | 'cases.requestMaterials'
  | 'cases.extend'
  | 'cases.propose'
  | 'cases.approve'
  | 'cases.return'
  | 'cases.answer'
  | 'cases.attachment'
  | 'cases.serveLetter'
  | 'letters.issueRepairNotice'
  | 'letters.repairNotice'
  | 'print.letter'
  | 'print.repairNotice'
  | 'print.caseSheet'
>;

/** Printing ID numbers in clear needs the same permission as showing them on screen. */
function assertMayUnmask(desk: Desk, unmaskReason: string | undefined): void {
  if (unmaskReason !== undefined && !mayCall(methods['records.unmask'].access, desk.currentUser().roles)) {
    throw new CoreError('FORBIDDEN', '您没有查看完整证件号码的权限，不能打印未遮蔽的文书。');
  }
}

const today = (desk: Desk) => chinaDate(desk.now());
const actor = (desk: Desk): Actor => actorAt(desk.login!, desk.now());

function caseLettersOf(desk: Desk, caseId: number): number[] {
  return orm(desk.db)
    .select({ id: letterTable.id })
    .from(letterTable)
    .where(eq(letterTable.caseId, caseId))
    .all()
    .map((r) => r.id);
}

/** Runs one step on a case in a transaction with its audit entry, and returns the case as it is now. */
function step(desk: Desk, method: string, caseId: number, detail: unknown, fn: (a: Actor) => void) {
  const a = actor(desk);
  const caseNo = getCase(desk.db, caseId).caseNo;
  desk.write({ method, target: `case:${caseId}`, detail: { caseNo, ...(detail as object) } }, () => fn(a));
  return caseDetail(desk.db, caseId, a.today);
}

export const caseHandlers: CaseHandlers = {
  'cases.register': async ({ desk }, input) => {
    const files: (CheckedAttachment & { item: string | null })[] = [];
    for (const f of input.attachments) files.push({ ...(await checkBase64Attachment(f.fileName, f.content)), item: f.item ?? null });
    const a = actor(desk);
    const result = desk.write(
      {
        method: 'cases.register',
        target: `records:${input.recordIds.join(',')}`,
        detail: { kind: input.kind, recordIds: input.recordIds, channel: input.channel, attachments: files.map((f) => ({ fileName: f.fileName, size: f.size, sha256: f.sha256 })) },
      },
      (db) => registerCase(db, { ...input, attachments: files }, a),
    );
    const detail = caseDetail(desk.db, result.caseId, a.today);
    return { ...detail, earliestRepair: result.earliestRepair ?? null, otherAuthority: result.otherAuthority ?? null };
  },

  'cases.list': ({ desk }, { awaitingMyApproval, statistic, ...q }) =>
    listCases(
      desk.db,
      { ...q, ...(awaitingMyApproval ? { approvableBy: desk.login! } : {}), ...(statistic ? { caseIds: statisticCases(desk.db, statistic, desk.now()) } : {}) },
      today(desk),
    ),

  'cases.overview': ({ desk }) => caseOverview(desk.db, today(desk)),

  'cases.get': ({ desk }, { caseId }) => caseDetail(desk.db, caseId, today(desk)),

  'cases.accept': ({ desk }, { caseId }) => step(desk, 'cases.accept', caseId, {}, (a) => acceptCase(desk.db, caseId, a)),

  'cases.refuse': ({ desk }, { caseId, reason }) => step(desk, 'cases.refuse', caseId, { reason }, (a) => refuseCase(desk.db, caseId, reason, a)),

  'cases.attach': async ({ desk }, { caseId, fileName, content, item, received }) => {
    const file = await checkBase64Attachment(fileName, content);
    let attachmentId = 0;
    const detail = step(desk, 'cases.attach', caseId, { fileName: file.fileName, size: file.size, sha256: file.sha256, item: item ?? null, received: received ?? null }, (a) => {
      attachmentId = attachToCase(desk.db, caseId, file, item ?? null, a, received ?? null).attachmentId;
    });
    return { ...detail, attachmentId };
  },

  'cases.requestMaterials': ({ desk }, { caseId, item, items, reason, supplyBy }) => {
    const all = [...new Set([...(items ?? []), ...(item ? [item] : [])])];
    return step(desk, 'cases.requestMaterials', caseId, { items: all, reason, supplyBy: supplyBy ?? null }, (a) => requestMaterials(desk.db, caseId, all, reason, a, supplyBy ?? null));
  },

  'cases.extend': ({ desk }, { caseId, reason }) => step(desk, 'cases.extend', caseId, { reason }, (a) => extendCase(desk.db, caseId, reason, a)),

  'cases.propose': ({ desk }, { caseId, outcome, reason, set }) =>
    step(desk, 'cases.propose', caseId, { outcome, reason, set: set ?? {} }, (a) => proposeOutcome(desk.db, caseId, { outcome, reason, set }, a)),

  'cases.approve': ({ desk }, { caseId }) => step(desk, 'cases.approve', caseId, {}, (a) => approveProposal(desk.db, caseId, a)),

  'cases.return': ({ desk }, { caseId, reason }) => step(desk, 'cases.return', caseId, { reason }, (a) => returnProposal(desk.db, caseId, reason, a)),

  'cases.answer': ({ desk }, { caseId, method, date, servedTo }) =>
    step(desk, 'cases.answer', caseId, { method, date: date ?? null, servedTo: servedTo ?? null }, (a) => answerCase(desk.db, caseId, method, date ?? null, a, servedTo ?? null)),

  'cases.serveLetter': ({ desk }, { caseId, letterId, method, date, to, note }) =>
    step(desk, 'cases.serveLetter', caseId, { letterId, method, date, to: to ?? null }, (a) => {
      const letters = caseLettersOf(desk, caseId);
      if (!letters.includes(letterId)) throw new CoreError('BAD_INPUT', `文书 ${letterId} 不是本案件出具的文书。`);
      recordService(desk.db, letterId, { method, on: date, to: to ?? null, note: note ?? null }, a.by, a.today);
    }),

  'letters.issueRepairNotice': ({ desk }, { recordId }) => {
    const existing = repairNoticeOf(desk.db, recordId);
    if (existing) return existing;
    const a = actor(desk);
    return desk.write({ method: 'letters.issueRepairNotice', target: `record:${recordId}`, detail: { recordId } }, (db) => issueRepairNotice(db, recordId, a));
  },

  'letters.repairNotice': ({ desk }, { recordId }) => repairNoticeOf(desk.db, recordId),

  'print.letter': ({ desk }, { caseId, letter, letterId, unmaskReason }) => {
    assertMayUnmask(desk, unmaskReason);
    return printDocument(desk, buildLetter(desk.db, caseId, today(desk), { letter, letterId, unmaskReason }), 'print.letter');
  },

  'print.repairNotice': ({ desk }, { recordId, unmaskReason }) => {
    assertMayUnmask(desk, unmaskReason);
    return printDocument(desk, buildRepairNotice(desk.db, recordId, { unmaskReason }), 'print.repairNotice');
  },

  'print.caseSheet': ({ desk }, { caseId }) => printDocument(desk, buildCaseSheet(desk.db, caseId, today(desk)), 'print.caseSheet'),

  'cases.attachment': ({ desk }, { caseId, attachmentId }) => {
    const row = attachmentContent(desk.db, caseId, attachmentId);
    desk.audit({ actor: desk.login, method: 'cases.attachment', target: `case:${caseId}`, outcome: 'ok', detail: { attachmentId, fileName: row.fileName } });
    return { fileName: row.fileName, content: row.content.toString('base64'), contentType: row.contentType };
  },
};
