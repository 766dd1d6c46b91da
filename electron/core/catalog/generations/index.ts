/**
 * The template generations of each category: today's layout first, then the
 * older ones (domain.md §2b). Adding a generation is adding its definition to
 * OLDER below.
 */
import { LICENSE_2016, LICENSE_2019_EXPORT } from './license';
import { PENALTY_2016, PENALTY_2019_EXPORT } from './penalty';
import { ROW_NUMBER_COLUMNS, sharedRules } from './shared';
import type { FillRule, TemplateGeneration } from './types';

export type { ColumnTarget, FillRule, GenerationColumn, TemplateGeneration } from './types';
export { fineFromText } from './fine-text';

const OLDER: TemplateGeneration[] = [PENALTY_2019_EXPORT, PENALTY_2016, LICENSE_2019_EXPORT, LICENSE_2016];

/** The rules every layout of a category shares (today's included). */
const SHARED: Record<string, FillRule[]> = {
  penalty: sharedRules('CF', { name: 'CF_CFJG', code: 'CF_CFJGDM' }, { name: 'CF_SJLY', code: 'CF_SJLYDM' }),
  license: sharedRules('XK', { name: 'XK_XKJG', code: 'XK_XKJGDM' }, { name: 'XK_LYDW', code: 'XK_LYDWDM' }),
};
const SUBJECT_ONLY: FillRule[] = [{ id: 'subject-type', kind: 'subject-type' }];

export const CURRENT_GENERATION_NAME = '现行标准模板';

/** Today's layout of a category, as a generation. */
export function currentGeneration(category: string): TemplateGeneration {
  return { key: `${category}-current`, category, name: CURRENT_GENERATION_NAME, columns: [], rules: [], rank: 0 };
}

/** Every generation of a category, today's first; each with the shared columns and rules added. */
export function generationsFor(category: string): TemplateGeneration[] {
  const shared = SHARED[category] ?? SUBJECT_ONLY;
  return [currentGeneration(category), ...OLDER.filter((g) => g.category === category)].map((g) => ({
    ...g,
    columns: [...g.columns, ...ROW_NUMBER_COLUMNS],
    rules: [...shared, ...g.rules],
  }));
}
