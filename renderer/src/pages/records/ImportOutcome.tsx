import { DownloadOutlined, FileSearchOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Result, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { ImportRowError, ImportRuleView, ImportSummary } from '../../../../electron/contract';
import { call } from '../../api/client';
import { ImportListHitsAlert } from '../../components/ListHits';
import { useI18n } from '../../i18n';
import { downloadPayload } from '../../lib/files';
import { navigate } from '../../lib/hashRoute';
import { useCatalogNames } from './catalog';
import { generationText } from './ImportPreview';

/** A file the core makes for a recent import (error report, migration report), downloaded on click. */
function ReportButton({ method, importId, label, primary, testId }: { method: 'import.errorReport' | 'import.migrationReport'; importId: string; label: string; primary?: boolean; testId: string }) {
  const { errorText } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      type={primary ? 'primary' : 'default'}
      icon={method === 'import.errorReport' ? <DownloadOutlined /> : <FileSearchOutlined />}
      loading={busy}
      onClick={async () => {
        setBusy(true);
        try {
          downloadPayload(await call(method, { importId }));
        } catch (err) {
          message.error(errorText(err));
        } finally {
          setBusy(false);
        }
      }}
      data-testid={testId}
    >
      {label}
    </Button>
  );
}

/** The result of an import: counts, the rules the layout needed with their counts, the rejected rows. */
export function ImportOutcome({ summary, onAgain }: { summary: ImportSummary; onAgain: () => void }) {
  const { t, locale } = useI18n();
  const names = useCatalogNames();
  const status = summary.rolledBack ? 'error' : summary.rejected > 0 ? 'warning' : 'success';
  const n = (x: number) => x.toLocaleString('en-US');
  const title = summary.rolledBack
    ? t('records.import.result.rolledBack', { rejected: n(summary.rejected) })
    : summary.rejected > 0
      ? t('records.import.result.partial', { imported: n(summary.imported + summary.updated), rejected: n(summary.rejected) })
      : t('records.import.result.ok', { imported: n(summary.imported + summary.updated) });
  const took =
    summary.tookMs < 1000 ? t('records.import.result.ms', { ms: summary.tookMs }) : t('records.import.result.seconds', { s: (summary.tookMs / 1000).toFixed(1) });
  const errors = [...summary.errors].sort((a, b) => a.row - b.row);
  const older = !summary.generation.key.endsWith('-current');
  const rules = older ? summary.rules : summary.rules.filter((r) => r.count);
  const counts: [string, number][] = [
    ['totalRows', summary.totalRows],
    ['imported', summary.imported],
    ...(summary.history
      ? ([
          ['accepted', summary.history.accepted],
          ['expired', summary.history.expired],
          ['withdrawn', summary.history.withdrawn],
        ] as [string, number][])
      : ([['updated', summary.updated]] as [string, number][])),
    ['duplicates', summary.duplicates],
    ['rejected', summary.rejected],
    ['queued', summary.queued],
  ];
  return (
    <>
      <Result
        status={status}
        title={<span data-testid="import-result-title">{title}</span>}
        subTitle={
          <Space direction="vertical" size={4}>
            <span>{t('records.import.result.file', { file: summary.fileName, category: names.category(summary.category), took })}</span>
            <span data-testid="import-result-generation">
              {t('records.import.result.generation', { name: generationText(summary.generation.name, locale) })}
              {summary.alreadyReported && <>{locale === 'zh-CN' ? '，' : ', '}{t('records.import.result.history')}</>}
            </span>
          </Space>
        }
        style={{ padding: '16px 0' }}
        extra={
          <Space wrap>
            <Button type={summary.rejected ? 'default' : 'primary'} onClick={() => navigate('records', summary.category, 'all')}>
              {t('records.import.toList')}
            </Button>
            <ReportButton method="import.migrationReport" importId={summary.importId} label={t('records.import.migrationReport')} testId="migration-report-download" />
            <Button onClick={onAgain}>{t('records.import.again')}</Button>
          </Space>
        }
      />
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }} data-testid="import-counts">
        {counts.map(([key, value]) => (
          <Col key={key} flex="1 1 120px">
            <Card size="small">
              <Statistic
                title={t(`records.import.count.${key}` as 'records.import.count.imported')}
                value={value}
                styles={{ content: key === 'rejected' && value > 0 ? { color: '#cf1322' } : undefined }}
                data-testid={`import-count-${key}`}
              />
            </Card>
          </Col>
        ))}
      </Row>
      {summary.rolledBack && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t('records.import.rolledBackExplain')} />}
      {summary.duplicates > 0 && !summary.rolledBack && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('records.import.duplicatesExplain', { n: summary.duplicates })} />
      )}
      {summary.listHits && <ImportListHitsAlert hits={summary.listHits} />}
      {summary.unknownColumns.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('records.import.unknownColumns', { n: summary.unknownColumns.length })}
          description={
            <span data-testid="unknown-columns">
              {summary.unknownColumns.map((c) => (
                <Tag key={c}>{c}</Tag>
              ))}
            </span>
          }
        />
      )}
      {rules.length > 0 && (
        <Card size="small" title={t('records.import.rulesApplied')} style={{ marginBottom: 16 }}>
          <Table<ImportRuleView>
            size="small"
            rowKey="id"
            pagination={false}
            data-testid="import-rules"
            dataSource={rules}
            columns={[
              { title: t('records.import.col.rule'), dataIndex: 'description' },
              {
                title: t('records.import.col.count'),
                dataIndex: 'count',
                width: 220,
                render: (count: number, r) => (
                  <>
                    <Typography.Text strong>{n(count ?? 0)}</Typography.Text>
                    {r.outcomes && (
                      <div className="option-help">
                        {Object.entries(r.outcomes)
                          .map(([k, v]) => `${k} ${n(v)}`)
                          .join(locale === 'zh-CN' ? '，' : ', ')}
                      </div>
                    )}
                  </>
                ),
              },
            ]}
          />
        </Card>
      )}
      {summary.rejected > 0 && (
        <Card
          size="small"
          title={t('records.import.errorsTitle', { rows: summary.rejected, errors: summary.errors.length })}
          extra={<ReportButton method="import.errorReport" importId={summary.importId} label={t('records.import.errorReport')} primary testId="error-report-download" />}
        >
          <Typography.Paragraph type="secondary">{t('records.import.errorsExplain')}</Typography.Paragraph>
          <Table<ImportRowError & { key: string }>
            size="small"
            data-testid="import-errors"
            dataSource={errors.map((e, i) => ({ ...e, key: `${e.row}:${e.field}:${i}` }))}
            pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
            columns={[
              { title: t('records.import.col.row'), dataIndex: 'row', width: 80, align: 'right' },
              {
                title: t('records.import.col.field'),
                dataIndex: 'field',
                width: 240,
                render: (f: string) => (
                  <>
                    {names.field(summary.category, f)}
                    {f && names.field(summary.category, f) !== f && <span className="field-code">{f}</span>}
                  </>
                ),
              },
              { title: t('records.import.col.message'), dataIndex: 'message' },
            ]}
          />
        </Card>
      )}
    </>
  );
}
