/**
 * 信用修复告知书 (“两书同达”, 国办发〔2025〕22号; domain.md §5b): delivered with a penalty
 * decision, it tells the subject the decision's class, how long it is published (or
 * that it is not, in principle), the earliest date repair may be asked for, and how to
 * apply (where, and the materials the case rules ask for that class). Issued once per
 * record with its own 发文字号 (letters.issueRepairNotice), printed as often as needed.
 */
import { getCompiledCategory } from '../catalog/registry';
import { publicationForRecord, type PublicationClock } from '../catalog/publication';
import { caseRulesInForce } from '../cases/rules';
import { maskApplicantCode } from '../cases/queries';
import { otherAuthority, type Actor } from '../cases/service';
import { addressWord, basisParagraphs, BODY, chineseDate, closing } from '../cases/letters';
import { getDepartment } from '../department/service';
import { CoreError } from '../errors';
import type { Block, PrintDocument } from '../print/model';
import { currentRecord, stateLabel } from '../records/service';
import { eq } from 'drizzle-orm';
import { records, subjects } from '../../../drizzle/schema';
import type { SqliteDatabase } from '../store/database';
import { orm } from '../store/orm';
import { legalBasesInForce } from './bases';
import { issueLetter, repairNoticeOf, type IssuedLetter } from './register';

function noticeRecord(db: SqliteDatabase, recordId: number) {
  const r = orm(db)
    .select({
      id: records.id,
      category: records.category,
      state: records.state,
      subjectName: records.subjectName,
      subjectCode: records.subjectCode,
      subjectType: subjects.kind,
      decisionNo: records.decisionNo,
      decisionDate: records.decisionDate,
      publication: records.publication,
    })
    .from(records)
    .leftJoin(subjects, eq(subjects.id, records.subjectId))
    .where(eq(records.id, recordId))
    .get();
  if (!r) throw new CoreError('NOT_FOUND', `找不到编号为 ${recordId} 的信用记录。`);
  const def = getCompiledCategory(r.category).def;
  if (!def.publication || !r.publication) {
    throw new CoreError('BAD_INPUT', `记录 ${recordId}（${r.decisionNo}）属于“${def.name}”，没有公示期限，不出具信用修复告知书：告知书随行政处罚决定书送达。`);
  }
  return { ...r, clock: JSON.parse(r.publication) as PublicationClock };
}

/** Issues the notice (in the caller's transaction): this department's own penalty, not withdrawn, repaired or expired. */
export function issueRepairNotice(db: SqliteDatabase, recordId: number, actor: Actor): IssuedLetter {
  const existing = repairNoticeOf(db, recordId);
  if (existing) return existing;
  const r = noticeRecord(db, recordId);
  if (['draft', 'withdrawn', 'repaired', 'expired'].includes(r.state)) {
    throw new CoreError('BAD_INPUT', `记录 ${recordId}（${r.decisionNo}）为“${stateLabel(r.state as never)}”，不再出具信用修复告知书。`);
  }
  const other = otherAuthority(db, recordId);
  if (other) throw new CoreError('BAD_INPUT', `记录 ${recordId}（${r.decisionNo}）由${other.name}作出，信用修复告知书应由该机关出具（谁认定、谁修复）。`);
  return issueLetter(db, { kind: 'repair-notice', recordId, issuedOn: actor.today, at: actor.at, by: actor.by, detail: { version: currentRecord(db, recordId).version } });
}

export function buildRepairNotice(db: SqliteDatabase, recordId: number, opts: { unmaskReason?: string } = {}): PrintDocument {
  const issued = repairNoticeOf(db, recordId);
  if (!issued) throw new CoreError('BAD_INPUT', `记录 ${recordId} 尚未出具信用修复告知书：请先出具（取得发文字号），再打印。`);
  const r = noticeRecord(db, recordId);
  const fields = currentRecord(db, recordId).fields;
  const dept = getDepartment(db);
  const bases = legalBasesInForce(issued.issuedOn);
  const c = r.clock;
  const you = addressWord(r.subjectName, r.subjectCode, [{ name: r.subjectName, type: r.subjectType }]);
  const masked = !opts.unmaskReason;
  const code = r.subjectCode ? (masked ? maskApplicantCode(r.subjectCode) : r.subjectCode) : null;
  const kinds = Array.isArray(fields.CF_CFLB) ? fields.CF_CFLB.join('、') : (fields.CF_CFLB ?? '');
  const p = (text: string): Block => ({ kind: 'paragraph', indent: true, size: BODY, text });
  // Why this class, in words (the stored clock keeps no reasons): computed again under the record's own rule version.
  const explained = publicationForRecord(r.category, fields, { ruleVersion: c.ruleVersion, override: c.overrideReason ? { class: c.class, reason: c.overrideReason } : null });
  const why = (explained?.reasons ?? []).map((s) => s.replace(/ → (轻微|一般|严重)$/, ''));
  const materials = caseRulesInForce(issued.issuedOn).repair.materials[c.class].map((m) => m.item + (m.required ? '' : '（可选）'));
  const blocks: Block[] = [
    { kind: 'paragraph', bold: true, size: BODY, text: `${r.subjectName}${code ? `（${code}）` : ''}：` },
    p(`本机关于${chineseDate(r.decisionDate ?? issued.issuedOn)}对${you}作出行政处罚决定（决定书文号：${r.decisionNo}；处罚类别：${kinds || '—'}${typeof fields.CF_NR === 'string' ? `；处罚内容：${fields.CF_NR}` : ''}）。现将该行政处罚信息的公示和信用修复事项告知如下：`),
    p(`一、该行政处罚信息属于${c.class}失信信息${why.length ? `（${why.join('；')}）` : ''}。`),
    p(
      c.publishedByDefault
        ? `二、该信息自处罚决定之日起公示，最短公示期至${chineseDate(c.minimumEnds)}，最长公示至${chineseDate(c.publicationEnds)}（含当日），届满后自动停止公示。`
        : `二、该信息原则上不予公示，仅在信用信息共享平台共享；如予公示，最长至${chineseDate(c.publicationEnds)}（含当日）。`,
    ),
    p(
      c.class === '轻微'
        ? `三、${you}履行行政处罚决定规定的义务后，即可申请信用修复。`
        : `三、最短公示期届满后，自${chineseDate(c.earliestRepair)}起，${you}在履行行政处罚决定规定的义务后，可以申请信用修复。`,
    ),
    p(`四、申请方式：向本机关提出书面申请，或通过“信用中国”网站在线申请。申请时提交：${materials.join('、')}。本机关自受理材料齐全的申请之日起在规定期限内作出决定。`),
    ...basisParagraphs(bases, 'repair-notice'),
    ...closing(dept, issued.issuedOn),
  ];
  return {
    kind: 'letter',
    title: issued.title,
    target: `record:${recordId}`,
    targetLabel: `${r.decisionNo} ${issued.docNo}`,
    masked,
    unmaskReason: opts.unmaskReason,
    options: { letter: 'repair-notice', docNo: issued.docNo, letterId: issued.letterId },
    letterhead: { issuer: dept.name, docNo: issued.docNo },
    blocks,
  };
}
