import { Result } from 'antd';
import { LoadState } from '../../components/LoadState';
import { useI18n } from '../../i18n';
import { ImportWizard } from './ImportWizard';
import { RecordForm } from './RecordForm';
import { RecordList } from './RecordList';
import { isRecordState, useCatalog } from './catalog';
import './records.css';

const LAST_CATEGORY = 'creditDesk.records.category';

function rememberCategory(key: string) {
  try {
    window.sessionStorage.setItem(LAST_CATEGORY, key);
  } catch {
    // harmless
  }
}

function lastCategory(): string | null {
  try {
    return window.sessionStorage.getItem(LAST_CATEGORY);
  } catch {
    return null;
  }
}

/**
 * 信用记录, by the hash:
 *   #/records/<category>[/<state>|all[/<recordId>]]   the list (a record id opens its detail)
 *   #/records/<category>/new                          a new record
 *   #/records/<category>/import                       the import wizard
 *   #/records/edit/<recordId>                         correcting a record
 */
export function RecordsPage({ rest }: { rest: string[] }) {
  const { t } = useI18n();
  const catalog = useCatalog();
  const [first, second, third] = rest;
  if (first === 'edit' && second && /^\d+$/.test(second)) return <RecordForm key={`edit:${second}`} mode={{ kind: 'edit', recordId: Number(second) }} />;
  return (
    <LoadState {...catalog}>
      {(data) => {
        const known = data.categories.find((c) => c.key === first);
        const fallback = data.categories.find((c) => c.key === lastCategory()) ?? data.categories[0];
        const category = known ?? fallback;
        if (!category) return <Result status="404" title={t('records.noCategories')} />;
        rememberCategory(category.key);
        if (known && second === 'new') return <RecordForm key={`new:${category.key}`} mode={{ kind: 'new', category: category.key }} />;
        if (second === 'import' || first === 'import') return <ImportWizard key={category.key} initialCategory={category.key} />;
        const state = isRecordState(second) ? second : undefined;
        const openId = third && /^\d+$/.test(third) ? Number(third) : null;
        return <RecordList key={category.key} category={category.key} state={state} openId={openId} />;
      }}
    </LoadState>
  );
}
