/**
 * The legal bases letters cite, as a versioned rule table (family `legal-bases`),
 * installed and listed like the publication and case rules (`rules install`): each
 * basis by name, article and text, and for each situation a letter is written in,
 * the bases it cites. A case keeps the version its letters used.
 *
 * The built-in texts are quoted exactly from the laws as published (LawRefBook/Laws:
 * 行政复议法 2023 修订, 行政诉讼法 2017 修正, 行政处罚法 2021 修订). Where the product
 * could not verify an article's wording (《信用修复管理办法》, 国办发〔2025〕22号,
 * 《河北省社会信用信息条例》) the basis is cited by name only, without a quotation.
 */
import { z } from 'zod';

/** The situations a letter cites bases for. */
export const BASIS_SITUATIONS = [
  'objection-acceptance',
  'objection-correct',
  'objection-revoke',
  'objection-maintain',
  'objection-refusal',
  'repair-acceptance',
  'repair-repair',
  'repair-deny',
  'repair-refusal',
  'repair-too-early',
  'materials',
  'other-authority',
  'repair-notice',
  'remedy',
] as const;
export type BasisSituation = (typeof BASIS_SITUATIONS)[number];

export interface LegalBasis {
  key: string;
  /** The law's name as cited, with its 书名号: 《中华人民共和国行政复议法》. */
  name: string;
  /** 第二十条第一款; null: cited by name only. */
  article: string | null;
  /** The article's words, quoted exactly; null when not quoted. */
  text: string | null;
}

export interface LegalBasisTable {
  family: 'legal-bases';
  version: string;
  effectiveFrom: string;
  source: string;
  notes?: string;
  bases: LegalBasis[];
  cite: Record<BasisSituation, string[]>;
}

const REVIEW = '《中华人民共和国行政复议法》';
const LITIGATION = '《中华人民共和国行政诉讼法》';
const PENALTY = '《中华人民共和国行政处罚法》';
const MEASURES = '《信用修复管理办法》';
const PLAN = '《国务院办公厅关于进一步完善信用修复制度的实施方案》（国办发〔2025〕22号）';
const HEBEI = '《河北省社会信用信息条例》';

export const LEGAL_BASES_2026: LegalBasisTable = {
  family: 'legal-bases',
  version: 'bases-2026.1',
  effectiveFrom: '2025-06-22',
  source:
    '行政复议法（2023年9月1日修订）、行政诉讼法（2017年6月27日修正）、行政处罚法（2021年1月22日修订）条文引自 github.com/LawRefBook/Laws；信用修复管理办法（2026年4月1日起施行）、国办发〔2025〕22号、河北省社会信用信息条例只引名称',
  bases: [
    {
      key: 'review-20',
      name: REVIEW,
      article: '第二十条第一款',
      text: '公民、法人或者其他组织认为行政行为侵犯其合法权益的，可以自知道或者应当知道该行政行为之日起六十日内提出行政复议申请；但是法律规定的申请期限超过六十日的除外。',
    },
    {
      key: 'litigation-46',
      name: LITIGATION,
      article: '第四十六条第一款',
      text: '公民、法人或者其他组织直接向人民法院提起诉讼的，应当自知道或者应当知道作出行政行为之日起六个月内提出。法律另有规定的除外。',
    },
    {
      key: 'penalty-48-2',
      name: PENALTY,
      article: '第四十八条第二款',
      text: '公开的行政处罚决定被依法变更、撤销、确认违法或者确认无效的，行政机关应当在三日内撤回行政处罚决定信息并公开说明理由。',
    },
    { key: 'measures', name: MEASURES, article: null, text: null },
    { key: 'plan-22', name: PLAN, article: null, text: null },
    { key: 'hebei', name: HEBEI, article: null, text: null },
  ],
  cite: {
    'objection-acceptance': ['hebei'],
    'objection-correct': ['hebei'],
    'objection-revoke': ['hebei', 'penalty-48-2'],
    'objection-maintain': ['hebei'],
    'objection-refusal': ['hebei'],
    'repair-acceptance': ['measures', 'plan-22'],
    'repair-repair': ['measures', 'plan-22'],
    'repair-deny': ['measures', 'plan-22'],
    'repair-refusal': ['measures', 'plan-22'],
    'repair-too-early': ['measures'],
    materials: ['plan-22'],
    'other-authority': ['measures'],
    'repair-notice': ['measures', 'plan-22'],
    remedy: ['review-20', 'litigation-46'],
  },
};

const basisSchema = z.object({
  key: z.string().trim().min(1).max(40),
  name: z.string().trim().min(2).max(120),
  article: z.string().trim().min(1).max(40).nullable(),
  text: z.string().trim().min(1).max(2000).nullable(),
});

export const legalBasesSchema = z
  .object({
    family: z.literal('legal-bases'),
    version: z.string().trim().min(1).max(40),
    effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'),
    source: z.string().trim().min(1),
    notes: z.string().optional(),
    bases: z.array(basisSchema).min(1).max(200),
    cite: z.object(Object.fromEntries(BASIS_SITUATIONS.map((s) => [s, z.array(z.string()).max(20)])) as Record<BasisSituation, z.ZodArray<z.ZodString>>),
  })
  .superRefine((t, ctx) => {
    const keys = new Set<string>();
    for (const b of t.bases) {
      if (keys.has(b.key)) ctx.addIssue({ code: 'custom', path: ['bases'], message: `依据“${b.key}”重复` });
      keys.add(b.key);
      if (b.text !== null && b.article === null) ctx.addIssue({ code: 'custom', path: ['bases', b.key], message: '引用条文原文时须写明条款' });
    }
    for (const [situation, cited] of Object.entries(t.cite)) {
      for (const k of cited) if (!keys.has(k)) ctx.addIssue({ code: 'custom', path: ['cite', situation], message: `引用了不存在的依据“${k}”` });
    }
  });

const tables: LegalBasisTable[] = [];
let builtIn = false;
/** The built-in table is validated at the first use of the registry, not at every start (issue 22 item 7). */
function withBuiltIns(): void {
  if (builtIn) return;
  builtIn = true;
  registerLegalBases(LEGAL_BASES_2026);
}

/** Adds a version (validated); versions are never replaced, cases keep the one they used. */
export function registerLegalBases(raw: unknown): LegalBasisTable {
  withBuiltIns();
  const parsed = legalBasesSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`法律依据表格式有误：${parsed.error.issues.map((i) => `${i.path.join('.') || '文件'}：${i.message}`).join('；')}`);
  const table = parsed.data as LegalBasisTable;
  if (tables.some((t) => t.version === table.version)) throw new Error(`法律依据表版本“${table.version}”已存在；版本一经使用不可替换，请使用新的版本号。`);
  tables.push(table);
  tables.sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0));
  return table;
}

export function listLegalBases(): LegalBasisTable[] {
  withBuiltIns();
  return [...tables];
}

export function getLegalBases(version: string | null): LegalBasisTable {
  withBuiltIns();
  return tables.find((t) => t.version === version) ?? legalBasesInForce('9999-12-31');
}

/** The version in force on a day (the first before any took effect). */
export function legalBasesInForce(onDate: string): LegalBasisTable {
  withBuiltIns();
  let found = tables[0];
  for (const t of tables) if (t.effectiveFrom <= onDate) found = t;
  return found;
}

/** The bases a situation cites, in the table's order of citation. */
export function basesFor(table: LegalBasisTable, situation: BasisSituation): LegalBasis[] {
  return table.cite[situation].map((k) => table.bases.find((b) => b.key === k)!).filter(Boolean);
}

/** 《中华人民共和国行政复议法》第二十条第一款 */
export function citation(b: LegalBasis): string {
  return `${b.name}${b.article ?? ''}`;
}

