/**
 * The rules objection and repair cases run by, as a versioned table (data),
 * like the publication rules (catalog/publication-rules.ts): time limits in
 * working days, the one extension, and the repair materials per class. An
 * administrator installs a new version (`rules install`); it applies to cases
 * received from its `effectiveFrom`, and every case keeps the version it used.
 */
import { z } from 'zod';

export const REPAIR_CLASSES = ['轻微', '一般', '严重', '失信名单'] as const;
export type RepairClass = (typeof REPAIR_CLASSES)[number];

export interface MaterialItem {
  /** The checklist entry's Chinese name: what `case materials --item` takes. */
  item: string;
  required: boolean;
}

export interface CaseRuleTable {
  family: 'case-rules';
  version: string;
  /** First day (the day a request is received) the table applies. */
  effectiveFrom: string;
  source: string;
  notes?: string;
  objection: {
    /** Decide within N working days of the day the objection was received. */
    decideWithinWorkingDays: number;
    basis: string;
  };
  repair: {
    /** Decide within N working days of accepting a complete application. */
    decideWithinWorkingDays: number;
    basis: string;
    /** The materials checklist per class (轻微/一般/严重 of 行政处罚; 失信名单 for the black list). */
    materials: Record<RepairClass, MaterialItem[]>;
    /** Working days a 补正材料通知书 gives to supply what is missing (absent: 10, the product's choice). */
    supplyWithinWorkingDays?: number;
  };
  extension: {
    /** How many extensions a case may have (each with a reason). */
    times: number;
    workingDays: number;
  };
  /** 工作台 lists cases due within this many working days. */
  dueSoonWorkingDays: number;
}

const FORM = '信用修复申请表';
const PLEDGE = '信用修复承诺书';
const PROOF = '履行法定义务的证明材料';
const TRAINING = '信用修复培训证明';
const REPORT = '信用报告';

const basic: MaterialItem[] = [
  { item: FORM, required: true },
  { item: PLEDGE, required: true },
  { item: PROOF, required: true },
];

/**
 * Defaults (domain.md §4–§5):
 *  - objections decided within 5 working days of receipt (上海市社会信用条例 第36–38条, the
 *    product's model for the workflow);
 *  - repairs decided within 3 working days of accepting a complete application
 *    (国办发〔2025〕22号); missing materials (补正) pause the clock;
 *  - one extension per case, with a reason, of 5 working days;
 *  - materials: 申请表, 承诺书 and proof the penalty was carried out; for 严重 also a
 *    信用修复培训 certificate and a 信用报告. The black list (严重失信主体名单) asks the
 *    same as 严重 (the product's choice: domain.md gives no separate list).
 */
export const CASE_RULES_2025: CaseRuleTable = {
  family: 'case-rules',
  version: 'cases-2025.1',
  effectiveFrom: '2025-06-22',
  source: '国办发〔2025〕22号《关于进一步完善信用修复制度的实施方案》；异议处理时限参照《上海市社会信用条例》第三十六至三十八条',
  objection: { decideWithinWorkingDays: 5, basis: '自收到异议之日起5个工作日内作出决定' },
  repair: {
    decideWithinWorkingDays: 3,
    basis: '自受理材料齐全的修复申请之日起3个工作日内作出决定（国办发〔2025〕22号）',
    materials: {
      轻微: basic,
      一般: basic,
      严重: [...basic, { item: TRAINING, required: true }, { item: REPORT, required: true }],
      失信名单: [...basic, { item: TRAINING, required: true }, { item: REPORT, required: true }],
    },
  },
  extension: { times: 1, workingDays: 5 },
  dueSoonWorkingDays: 2,
};

const days = z.number().int().min(1).max(365);
const items = z
  .array(z.object({ item: z.string().trim().min(1).max(40), required: z.boolean() }))
  .min(1)
  .refine((list) => new Set(list.map((i) => i.item)).size === list.length, '材料清单中有重复的项目');

export const caseRulesSchema = z.object({
  family: z.literal('case-rules'),
  version: z.string().trim().min(1).max(40),
  effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'),
  source: z.string().trim().min(1),
  notes: z.string().optional(),
  objection: z.object({ decideWithinWorkingDays: days, basis: z.string().trim().min(1) }),
  repair: z.object({
    decideWithinWorkingDays: days,
    basis: z.string().trim().min(1),
    materials: z.object({ 轻微: items, 一般: items, 严重: items, 失信名单: items }),
    supplyWithinWorkingDays: days.optional(),
  }),
  extension: z.object({ times: z.number().int().min(0).max(10), workingDays: days }),
  dueSoonWorkingDays: z.number().int().min(0).max(30),
});

const tables: CaseRuleTable[] = [];
let builtIn = false;
/** The built-in table is validated at the first use of the registry, not at every start (issue 22 item 7). */
function withBuiltIns(): void {
  if (builtIn) return;
  builtIn = true;
  registerCaseRules(CASE_RULES_2025);
}

/** Adds a version (validated). Versions are never replaced: cases keep the one they used. */
export function registerCaseRules(raw: unknown): CaseRuleTable {
  withBuiltIns();
  const parsed = caseRulesSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`案件规则表格式有误：${parsed.error.issues.map((i) => `${i.path.join('.') || '文件'}：${i.message}`).join('；')}`);
  }
  const table = parsed.data as CaseRuleTable;
  if (tables.some((t) => t.version === table.version)) throw new Error(`案件规则表版本“${table.version}”已存在；版本一经使用不可替换，请使用新的版本号。`);
  tables.push(table);
  tables.sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0));
  return table;
}

export function listCaseRules(): CaseRuleTable[] {
  withBuiltIns();
  return [...tables];
}

export function getCaseRules(version: string): CaseRuleTable {
  withBuiltIns();
  const t = tables.find((x) => x.version === version);
  if (!t) throw new Error(`未知的案件规则表版本“${version}”`);
  return t;
}

/** The table in force for a request received on `onDate`: the latest in effect then (the first before any took effect). */
export function caseRulesInForce(onDate: string): CaseRuleTable {
  withBuiltIns();
  let found = tables[0];
  for (const t of tables) if (t.effectiveFrom <= onDate) found = t;
  return found;
}

