/** Contract handlers for printing and the print log. */
import { methods, mayCall } from '../../contract/methods';
import { buildBatchSheet, buildKeySheet } from '../batches/sheets';
import { activeSigningKey } from '../batches/keys';
import { sm3Hex } from '../batches/sm2';
import { CoreError } from '../errors';
import type { Handlers } from '../handlers';
import { buildCreditFile, findSubjectForFile } from '../subjects/credit-file';
import { findPrint, listPrints } from './log';
import { printDocument } from './service';
import { chinaDate } from './time';

type PrintHandlers = Pick<Handlers, 'print.creditFile' | 'print.batchSheet' | 'print.keySheet' | 'print.log' | 'print.lookup'>;

export const printHandlers: PrintHandlers = {
  'print.creditFile': ({ desk }, { subjectId, code, withHistory, unmaskReason }) => {
    // Printing ID numbers in clear needs the same permission as showing them on screen.
    if (unmaskReason !== undefined && !mayCall(methods['records.unmask'].access, desk.currentUser().roles)) {
      throw new CoreError('FORBIDDEN', '您没有查看完整证件号码的权限，不能打印未遮蔽的信用档案。');
    }
    const subject = findSubjectForFile(desk.db, { subjectId, code });
    const doc = buildCreditFile(desk.db, subject, { withHistory, unmaskReason, today: chinaDate(desk.now().toISOString()) });
    return printDocument(desk, doc, 'print.creditFile');
  },

  'print.batchSheet': ({ desk }, { batchId }) => printDocument(desk, buildBatchSheet(desk.db, batchId), 'print.batchSheet'),

  'print.keySheet': ({ desk }, { keyId, login }) => {
    let id = keyId;
    if (id === undefined) {
      const key = activeSigningKey(desk.db, login!);
      if (!key) throw new CoreError('NOT_FOUND', `用户 ${login} 没有使用中的签名密钥。`);
      id = key.id;
    }
    return printDocument(desk, buildKeySheet(desk.db, id), 'print.keySheet');
  },

  'print.log': ({ desk }, q) => listPrints(desk.db, q),

  // Every lookup is audited (issue 18): who asked about which print, found or not.
  'print.lookup': ({ desk }, { printNo, content }) => {
    const audit = (outcome: 'ok' | 'error', detail: Record<string, unknown>) =>
      desk.audit({ actor: desk.login, method: 'print.lookup', target: `print:${printNo}`, outcome, detail });
    let entry;
    try {
      entry = findPrint(desk.db, printNo);
    } catch (err) {
      audit('error', { found: false, fileCompared: content !== undefined });
      throw err;
    }
    if (content === undefined) {
      audit('ok', { found: true, fileCompared: false });
      return { entry, matches: null, fileSm3: null };
    }
    const fileSm3 = sm3Hex(Buffer.from(content, 'base64'));
    const matches = entry.state === 'done' && entry.sm3 === fileSm3;
    audit('ok', { found: true, fileCompared: true, matches });
    return { entry, matches, fileSm3 };
  },
};
