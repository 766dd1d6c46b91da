import { ArrowRightOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import type { BatchOperationView } from '../../../../electron/contract';
import { useI18n } from '../../i18n';

/**
 * The field-by-field difference of one operation against the version last
 * reported to the platform: every field for an add, the changed ones otherwise.
 * Personal data arrives masked from the core.
 */
export function BatchDiff({ op }: { op: BatchOperationView }) {
  const { t } = useI18n();
  const none = <Typography.Text type="secondary">{t('batches.diff.empty')}</Typography.Text>;
  if (op.changes.length === 0) {
    return (
      <Typography.Text type="secondary" data-testid="batch-diff">
        {t(op.op === 'withdraw' || op.op === 'end-publication' ? 'batches.diff.noFieldsStop' : 'batches.diff.noFields')}
      </Typography.Text>
    );
  }
  if (op.op === 'add' || op.op === 'sanction-feedback') {
    // A first report (or a feedback, which is all new): every field is new; two pairs a row keep 18 fields short.
    return (
      <dl className="batch-diff-grid" data-testid="batch-diff">
        {op.changes.map((c) => (
          <div key={c.field} className="batch-diff-pair">
            <dt className="batch-diff-label">
              {c.label}
              <span className="batch-diff-code mono">{c.field}</span>
            </dt>
            <dd>{c.after === null ? none : <span className="batch-diff-added">{c.after}</span>}</dd>
          </div>
        ))}
      </dl>
    );
  }
  return (
    <table className="batch-diff" data-testid="batch-diff">
      <colgroup>
        <col className="batch-diff-col-label" />
        <col />
        <col className="batch-diff-col-arrow" />
        <col />
      </colgroup>
      <thead>
        <tr>
          <th className="batch-diff-label">{t('batches.diff.field')}</th>
          <th>{t('batches.diff.before')}</th>
          <th className="batch-diff-arrow" aria-hidden="true" />
          <th>{t('batches.diff.after')}</th>
        </tr>
      </thead>
      <tbody>
        {op.changes.map((c) => (
          <tr key={c.field}>
            <th className="batch-diff-label" scope="row">
              {c.label}
              <span className="batch-diff-code mono">{c.field}</span>
            </th>
            <td>{c.before === null ? none : <span className="batch-diff-before">{c.before}</span>}</td>
            <td className="batch-diff-arrow" aria-hidden="true">
              <ArrowRightOutlined />
            </td>
            <td>{c.after === null ? none : <span className="batch-diff-after">{c.after}</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
