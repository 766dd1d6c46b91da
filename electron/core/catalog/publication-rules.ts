/**
 * Publication periods and credit-repair minimums for 行政处罚 information, as a
 * versioned rule table (data). domain.md §4: the rules changed twice in three
 * years, so an administrator updates this table (registerRuleTable) rather than
 * the code, and every computed date records the version it used.
 *
 * Periods are whole months counted from the decision date (dayjs month
 * arithmetic: 2025-01-31 + 1 month = 2025-02-28).
 */
import { z } from 'zod';
import { SUBJECT_TYPES, type SubjectType } from './types';

export const PENALTY_CLASSES = ['轻微', '一般', '严重'] as const;
export type PenaltyClass = (typeof PENALTY_CLASSES)[number];

export interface ClassPeriods {
  /** Published at all in principle (轻微: no; if it is, at most `maxMonths`). */
  publishedByDefault: boolean;
  /** Minimum publication: credit repair is possible after it (0 = once the legal duty is fulfilled). */
  minMonths: number;
  /** Maximum publication: it stops automatically then (the 公示截止期). */
  maxMonths: number;
  /** Plain-language description for screens. */
  description: string;
}

export interface SpecialField {
  key: string;
  name: string;
  /** A longer minimum publication period in this field. */
  minMonths: number;
  /** Classes the longer minimum applies to. */
  appliesTo: PenaltyClass[];
}

export interface PenaltyPublicationRuleTable {
  family: 'penalty-publication';
  /** Stable version id, recorded on every computed result. */
  version: string;
  /** First day the table applies (`YYYY-MM-DD`). */
  effectiveFrom: string;
  source: string;
  notes?: string;
  classes: Record<PenaltyClass, ClassPeriods>;
  classification: {
    /** 处罚类别 that make a decision 严重 whatever else it contains. */
    severeKinds: string[];
    /** 处罚类别 that alone (or with a 简易程序 fine) make a decision 轻微. */
    minorKinds: string[];
    /** The 处罚类别 whose amount decides the class. */
    fineKind: string;
    /** Largest fine (yuan) that is still 轻微 (简易程序, 行政处罚法 第51条), by subject type. */
    minorFineMaxYuan: Record<SubjectType, number>;
    /** Smallest fine (yuan) that is 严重 by its size alone, by subject type; null: never by size. */
    severeFineMinYuan: Record<SubjectType, number | null>;
    /** Every other 处罚类别 (没收, 暂扣, 责令停产停业 …) and mid-sized fines. */
    defaultClass: PenaltyClass;
  };
  specialFields: SpecialField[];
}

/**
 * 《信用修复管理办法》(2025), in force 2026-04-01 (replacing 国家发展改革委令第58号, 2023 试行).
 *
 * Choices this product made where the sources give no figure (all configurable here):
 *  - 严重 by fine size: ≥ 1,000,000 yuan (100万元) for every subject type.
 *  - 个体工商户 use the 200-yuan 简易程序 limit of a 公民 (民法典 第54条: an 个体工商户 is a
 *    natural person carrying on business); 法人及非法人组织 use 3,000 yuan.
 *  - The special-field minimum (特种设备、安全生产、消防: 1 year, as in Shenzhen's rules)
 *    applies to 一般 and 严重 decisions; it is chosen per decision, not inferred.
 */
export const PENALTY_RULES_2026: PenaltyPublicationRuleTable = {
  family: 'penalty-publication',
  version: 'xyxf-2025.1',
  effectiveFrom: '2026-04-01',
  source: '《信用修复管理办法》（2025年11月26日公布，2026年4月1日起施行；取代国家发展改革委令第58号）',
  classes: {
    轻微: { publishedByDefault: false, minMonths: 0, maxMonths: 3, description: '原则上不公示；公示的最长3个月，履行法定义务后即可修复' },
    一般: { publishedByDefault: true, minMonths: 3, maxMonths: 12, description: '最短公示3个月、最长1年，最短期满后可申请修复' },
    严重: { publishedByDefault: true, minMonths: 12, maxMonths: 36, description: '最短公示1年、最长3年，最短期满后可申请修复' },
  },
  classification: {
    severeKinds: ['吊销许可证件', '限制从业', '责令关闭'],
    minorKinds: ['警告', '通报批评'],
    fineKind: '罚款',
    minorFineMaxYuan: { 自然人: 200, 个体工商户: 200, 法人及非法人组织: 3000 },
    severeFineMinYuan: { 自然人: 1_000_000, 个体工商户: 1_000_000, 法人及非法人组织: 1_000_000 },
    defaultClass: '一般',
  },
  specialFields: [
    { key: 'special-equipment', name: '特种设备', minMonths: 12, appliesTo: ['一般', '严重'] },
    { key: 'work-safety', name: '安全生产', minMonths: 12, appliesTo: ['一般', '严重'] },
    { key: 'fire-safety', name: '消防', minMonths: 12, appliesTo: ['一般', '严重'] },
  ],
};

// ---------------------------------------------------------------------------
// The table registry (an administrator adds a new version; old ones stay for records that used them)

const months = z.number().int().min(0).max(1200);
const classPeriods = z.object({ publishedByDefault: z.boolean(), minMonths: months, maxMonths: months, description: z.string() });
const yuanBySubject = z.object(Object.fromEntries(SUBJECT_TYPES.map((t) => [t, z.number().min(0)])) as Record<SubjectType, z.ZodNumber>);
const yuanOrNullBySubject = z.object(
  Object.fromEntries(SUBJECT_TYPES.map((t) => [t, z.number().min(0).nullable()])) as Record<SubjectType, z.ZodNullable<z.ZodNumber>>,
);
const penaltyClass = z.enum(PENALTY_CLASSES);

export const ruleTableSchema = z.object({
  family: z.literal('penalty-publication'),
  version: z.string().min(1),
  effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  source: z.string().min(1),
  notes: z.string().optional(),
  classes: z.object({ 轻微: classPeriods, 一般: classPeriods, 严重: classPeriods }),
  classification: z.object({
    severeKinds: z.array(z.string()),
    minorKinds: z.array(z.string()),
    fineKind: z.string(),
    minorFineMaxYuan: yuanBySubject,
    severeFineMinYuan: yuanOrNullBySubject,
    defaultClass: penaltyClass,
  }),
  specialFields: z.array(z.object({ key: z.string().min(1), name: z.string().min(1), minMonths: months, appliesTo: z.array(penaltyClass) })),
});

const tables: PenaltyPublicationRuleTable[] = [];

/** Add a rule table version (validated). Versions are never replaced: records keep the one they used. */
export function registerRuleTable(table: PenaltyPublicationRuleTable): void {
  const parsed = ruleTableSchema.safeParse(table);
  if (!parsed.success) throw new Error(`公示规则表定义有误：${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('；')}`);
  addRuleTable(table);
}

/** registerRuleTable after the shape check. */
function addRuleTable(table: PenaltyPublicationRuleTable): void {
  for (const c of PENALTY_CLASSES) {
    const p = table.classes[c];
    if (p.minMonths > p.maxMonths) throw new Error(`公示规则表定义有误：${c}的最短公示期长于最长公示期`);
  }
  if (tables.some((t) => t.version === table.version)) throw new Error(`公示规则表版本“${table.version}”已存在`);
  tables.push(table);
  tables.sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0));
}

export function listRuleTables(): PenaltyPublicationRuleTable[] {
  return [...tables];
}

export function hasRuleTableFamily(family: string): boolean {
  return tables.some((t) => t.family === family);
}

export function getRuleTable(version: string): PenaltyPublicationRuleTable {
  const t = tables.find((x) => x.version === version);
  if (!t) throw new Error(`未知的公示规则表版本“${version}”`);
  return t;
}

/**
 * The table in force on `onDate` (`YYYY-MM-DD`): the latest whose effectiveFrom
 * is on or before it. Before the first table took effect, the first table is
 * returned (the product has no data for the older rules) — callers can tell by
 * comparing `effectiveFrom`.
 */
export function ruleTableInForce(onDate: string, family = 'penalty-publication'): PenaltyPublicationRuleTable {
  const ofFamily = tables.filter((t) => t.family === family);
  if (ofFamily.length === 0) throw new Error(`没有公示规则表“${family}”`);
  let found = ofFamily[0];
  for (const t of ofFamily) if (t.effectiveFrom <= onDate) found = t;
  return found;
}

// The shipped table's shape is checked by TypeScript and by ruleTableSchema in test/catalog/catalog.test.ts, not at every start.
addRuleTable(PENALTY_RULES_2026);
