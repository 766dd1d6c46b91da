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
import type { Desk } from '../desk';
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
  | 'print.letter'
>;

const today = (desk: Desk) => chinaDate(desk.now());
const actor = (desk: Desk): Actor => actorAt(desk.login!, desk.now());

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
    return { ...detail, earliestRepair: result.earliestRepair ?? null };
  },

  'cases.list': ({ desk }, { statistic, ...q }) =>
    listCases(desk.db, statistic ? { ...q, caseIds: statisticCases(desk.db, statistic, desk.now()) } : q, today(desk)),

  'cases.overview': ({ desk }) => caseOverview(desk.db, today(desk)),

  'cases.get': ({ desk }, { caseId }) => caseDetail(desk.db, caseId, today(desk)),

  'cases.accept': ({ desk }, { caseId }) => step(desk, 'cases.accept', caseId, {}, (a) => acceptCase(desk.db, caseId, a)),

  'cases.refuse': ({ desk }, { caseId, reason }) => step(desk, 'cases.refuse', caseId, { reason }, (a) => refuseCase(desk.db, caseId, reason, a)),

  'cases.attach': async ({ desk }, { caseId, fileName, content, item }) => {
    const file = await checkBase64Attachment(fileName, content);
    let attachmentId = 0;
    const detail = step(desk, 'cases.attach', caseId, { fileName: file.fileName, size: file.size, sha256: file.sha256, item: item ?? null }, (a) => {
      attachmentId = attachToCase(desk.db, caseId, file, item ?? null, a).attachmentId;
    });
    return { ...detail, attachmentId };
  },

  'cases.requestMaterials': ({ desk }, { caseId, item, reason }) =>
    step(desk, 'cases.requestMaterials', caseId, { item, reason }, (a) => requestMaterials(desk.db, caseId, item, reason, a)),

  'cases.extend': ({ desk }, { caseId, reason }) => step(desk, 'cases.extend', caseId, { reason }, (a) => extendCase(desk.db, caseId, reason, a)),

  'cases.propose': ({ desk }, { caseId, outcome, reason, set }) =>
    step(desk, 'cases.propose', caseId, { outcome, reason, set: set ?? {} }, (a) => proposeOutcome(desk.db, caseId, { outcome, reason, set }, a)),

  'cases.approve': ({ desk }, { caseId }) => step(desk, 'cases.approve', caseId, {}, (a) => approveProposal(desk.db, caseId, a)),

  'cases.return': ({ desk }, { caseId, reason }) => step(desk, 'cases.return', caseId, { reason }, (a) => returnProposal(desk.db, caseId, reason, a)),

  'cases.answer': ({ desk }, { caseId, method, date }) =>
    step(desk, 'cases.answer', caseId, { method, date: date ?? null }, (a) => answerCase(desk.db, caseId, method, date ?? null, a)),

  'print.letter': ({ desk }, { caseId, letter, unmaskReason }) => {
    // Printing ID numbers in clear needs the same permission as showing them on screen.
    if (unmaskReason !== undefined && !mayCall(methods['records.unmask'].access, desk.currentUser().roles)) {
      throw new CoreError('FORBIDDEN', '您没有查看完整证件号码的权限，不能打印未遮蔽的文书。');
    }
    return printDocument(desk, buildLetter(desk.db, caseId, today(desk), { letter, unmaskReason }), 'print.letter');
  },

  'cases.attachment': ({ desk }, { caseId, attachmentId }) => {
    const row = attachmentContent(desk.db, caseId, attachmentId);
    desk.audit({ actor: desk.login, method: 'cases.attachment', target: `case:${caseId}`, outcome: 'ok', detail: { attachmentId, fileName: row.fileName } });
    return { fileName: row.fileName, content: row.content.toString('base64'), contentType: row.contentType };
  },
};
