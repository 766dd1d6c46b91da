import { ArrowRightOutlined } from '@ant-design/icons';
import { Button, Typography } from 'antd';
import { useState } from 'react';
import type { BatchOperationView } from '../../../../electron/contract';
import { useI18n } from '../../i18n';
import { useDisplayValue } from '../records/catalog';

/** Every field of the operation as the batch file carries it, two pairs a row; empty fields marked quietly. */
function FieldGrid({ op, values, testId }: { op: BatchOperationView; values: { field: string; label: string; value: string | null }[]; testId: string }) {
  const { t } = useI18n();
  const display = useDisplayValue();
  return (
    <dl className="batch-diff-grid" data-testid={testId}>
      {values.map((f) => {
        const v = display(op.category, f.field, f.value);
        return (
          <div key={f.field} className="batch-diff-pair">
            <dt className="batch-diff-label">
              {f.label}
              <span className="batch-diff-code mono">{f.field}</span>
            </dt>
            <dd>{v === null ? <Typography.Text type="secondary">{t('batches.diff.empty')}</Typography.Text> : <span className="batch-diff-added">{v}</span>}</dd>
          </div>
        );
      })}
    </dl>
  );
}

/** The full record the batch file carries for an update or a withdrawal, on request. */
function FullRecord({ op }: { op: BatchOperationView }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <div style={{ marginTop: 8 }}>
      <Button size="small" type="link" style={{ padding: 0 }} onClick={() => setOpen((o) => !o)} data-testid="batch-full-toggle">
        {t(open ? 'batches.diff.hideFull' : 'batches.diff.showFull', { n: op.fields.length })}
      </Button>
      {open && <FieldGrid op={op} values={op.fields} testId="batch-full-record" />}
    </div>
  );
}

/**
 * What the approver signs for one operation: every field of an add; the fields of an
 * update that differ from what the platform last accepted, and the full record on
 * request; a withdrawal's reason. Personal data arrives masked from the core.
 */
export function BatchDiff({ op }: { op: BatchOperationView }) {
  const { t } = useI18n();
  const display = useDisplayValue();
  const none = <Typography.Text type="secondary">{t('batches.diff.empty')}</Typography.Text>;
  const reason = op.reason ? (
    <div className="batch-diff-reason" data-testid="batch-op-reason">
      <Typography.Text type="secondary">{t(op.op === 'withdraw' ? 'batches.diff.withdrawReason' : op.op === 'end-publication' ? 'batches.diff.endReason' : 'batches.diff.reason')}</Typography.Text>
      {op.reason}
    </div>
  ) : null;

  if (op.op === 'add' || op.op === 'sanction-feedback') {
    // A first report (or a feedback, which is all new): every field it sends.
    return (
      <div data-testid="batch-diff">
        {reason}
        <FieldGrid op={op} values={op.fields} testId="batch-add-fields" />
      </div>
    );
  }
  if (op.op !== 'update') {
    return (
      <div data-testid="batch-diff">
        {reason}
        <Typography.Text type="secondary">
          {t(op.op === 'withdraw' ? 'batches.diff.withdrawExplain' : op.op === 'end-publication' ? 'batches.diff.noFieldsStop' : 'batches.diff.noFields')}
        </Typography.Text>
        <FullRecord op={op} />
      </div>
    );
  }
  const against = op.baseline
    ? t(op.baseline.status === 'accepted' ? 'batches.diff.againstAccepted' : 'batches.diff.againstSent', { version: op.baseline.version, sequence: op.baseline.sequence })
    : t('batches.diff.againstNothing');
  return (
    <div data-testid="batch-diff">
      {reason}
      <Typography.Paragraph type="secondary" style={{ margin: '0 0 4px' }} data-testid="batch-diff-against">
        {against}
      </Typography.Paragraph>
      {op.changes.length === 0 ? (
        <Typography.Text type="secondary">{t('batches.diff.noFields')}</Typography.Text>
      ) : (
        <table className="batch-diff">
          <colgroup>
            <col className="batch-diff-col-label" />
            <col />
            <col className="batch-diff-col-arrow" />
            <col />
          </colgroup>
          <thead>
            <tr>
              <th className="batch-diff-label">{t('batches.diff.field')}</th>
              <th>{t(op.baseline?.status === 'sent' ? 'batches.diff.beforeSent' : 'batches.diff.before')}</th>
              <th className="batch-diff-arrow" aria-hidden="true" />
              <th>{t('batches.diff.after')}</th>
            </tr>
          </thead>
          <tbody>
            {op.changes.map((c) => {
              const before = display(op.category, c.field, c.before);
              const after = display(op.category, c.field, c.after);
              return (
                <tr key={c.field}>
                  <th className="batch-diff-label" scope="row">
                    {c.label}
                    <span className="batch-diff-code mono">{c.field}</span>
                  </th>
                  <td>{before === null ? none : <span className="batch-diff-before">{before}</span>}</td>
                  <td className="batch-diff-arrow" aria-hidden="true">
                    <ArrowRightOutlined />
                  </td>
                  <td>{after === null ? none : <span className="batch-diff-after">{after}</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <FullRecord op={op} />
    </div>
  );
}
