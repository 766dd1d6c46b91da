/** Contract types for the letters a department issues (文书) and their 发文字号 register. */

/** Every kind of letter, each numbered on its own (发文字号 per kind and year). */
export const LETTER_KINDS = ['acceptance', 'refusal', 'materials', 'objection-decision', 'repair-decision', 'repair-notice'] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

export const LETTER_TITLES: Record<LetterKind, string> = {
  acceptance: '受理通知书',
  refusal: '不予受理通知书',
  materials: '补正材料通知书',
  'objection-decision': '异议处理决定书',
  'repair-decision': '信用修复决定书',
  'repair-notice': '信用修复告知书',
};

/** The middle of each kind's default 发文字号: 栾市监 + 信受 + 〔2026〕 + 1 + 号. */
export const DOC_NO_CODES: Record<LetterKind, string> = {
  acceptance: '信受',
  refusal: '信不受',
  materials: '信补',
  'objection-decision': '信异决',
  'repair-decision': '信复决',
  'repair-notice': '信告',
};

/** How a letter reached its addressee (domain.md §5b): recorded once per letter. */
export const SERVICE_METHODS = ['直接送达', '邮寄送达', '电子送达', '留置送达', '委托送达'] as const;

export interface LetterService {
  method: string;
  /** YYYY-MM-DD: the day it was served (signed for, or the postal receipt's date). */
  on: string;
  /** Who received it. */
  to: string | null;
  note: string | null;
  /** The login who recorded it. */
  by: string;
}

export interface IssuedLetterView {
  letterId: number;
  kind: LetterKind;
  title: string;
  docNo: string;
  /** 成文日期. */
  issuedOn: string;
  issuedBy: string;
  caseId: number | null;
  recordId: number | null;
  service: LetterService | null;
}
