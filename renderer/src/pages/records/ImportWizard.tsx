import { ArrowLeftOutlined, DownloadOutlined, FileExcelOutlined, InboxOutlined, StopOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Col, Descriptions, Flex, Progress, Radio, Result, Row, Select, Space, Statistic, Steps, Table, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import type { ImportRowError, ImportSummary } from '../../../../electron/contract';
import { call, cancel, isApiError, newCallId } from '../../api/client';
import { useProgress } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ImportListHitsAlert } from '../../components/ListHits';
import { PageTitle } from '../../components/PageTitle';
import { useI18n } from '../../i18n';
import { navigate } from '../../lib/hashRoute';
import { categoryName, useCatalog, useCatalogNames } from './catalog';
import { downloadPayload, fileToBase64, formatBytes } from '../../lib/files';

type Step = 'file' | 'options' | 'running' | 'result';
const STEPS: Step[] = ['file', 'options', 'running', 'result'];
const ACCEPTED = /\.(xlsx|csv)$/i;

/** The template for a category, with dropdowns for its code lists. */
function TemplateButton({ category }: { category: string }) {
  const { t, errorText } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      icon={<FileExcelOutlined />}
      loading={busy}
      onClick={async () => {
        setBusy(true);
        try {
          downloadPayload(await call('templates.get', { category }));
        } catch (err) {
          message.error(errorText(err));
        } finally {
          setBusy(false);
        }
      }}
      data-testid="template-download"
    >
      {t('records.import.template')}
    </Button>
  );
}

function ErrorReportButton({ importId }: { importId: string }) {
  const { t, errorText } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      type="primary"
      icon={<DownloadOutlined />}
      loading={busy}
      onClick={async () => {
        setBusy(true);
        try {
          downloadPayload(await call('import.errorReport', { importId }));
        } catch (err) {
          message.error(errorText(err));
        } finally {
          setBusy(false);
        }
      }}
      data-testid="error-report-download"
    >
      {t('records.import.errorReport')}
    </Button>
  );
}

function Outcome({ summary, onAgain }: { summary: ImportSummary; onAgain: () => void }) {
  const { t } = useI18n();
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
  return (
    <>
      <Result
        status={status}
        title={<span data-testid="import-result-title">{title}</span>}
        subTitle={t('records.import.result.file', { file: summary.fileName, category: names.category(summary.category), took })}
        style={{ padding: '16px 0' }}
        extra={
          <Space wrap>
            <Button type={summary.rejected ? 'default' : 'primary'} onClick={() => navigate('records', summary.category, 'all')}>
              {t('records.import.toList')}
            </Button>
            <Button onClick={onAgain}>{t('records.import.again')}</Button>
          </Space>
        }
      />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="import-counts">
        {(
          [
            ['totalRows', summary.totalRows],
            ['imported', summary.imported],
            ['updated', summary.updated],
            ['duplicates', summary.duplicates],
            ['rejected', summary.rejected],
          ] as const
        ).map(([key, n]) => (
          <Col key={key} flex="1 1 150px">
            <Card size="small">
              <Statistic
                title={t(`records.import.count.${key}`)}
                value={n}
                styles={{ content: key === 'rejected' && n > 0 ? { color: '#cf1322' } : undefined }}
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
      {summary.rejected > 0 && (
        <Card
          size="small"
          title={t('records.import.errorsTitle', { rows: summary.rejected, errors: summary.errors.length })}
          extra={<ErrorReportButton importId={summary.importId} />}
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

/** 导入: choose category and file → options → run (progress, cancel) → counts and the error table. */
export function ImportWizard({ initialCategory }: { initialCategory: string }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const catalog = useCatalog();
  const [step, setStep] = useState<Step>('file');
  const [category, setCategory] = useState(initialCategory);
  const [file, setFile] = useState<File | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [allOrNothing, setAllOrNothing] = useState(false);
  const [update, setUpdate] = useState(false);
  const [callId, setCallId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const progress = useProgress(callId);
  const input = useRef<HTMLInputElement>(null);

  const pick = (f: File | null) => {
    setError(null);
    if (f && !ACCEPTED.test(f.name)) {
      setFile(null);
      setFileProblem(t('records.import.wrongType', { name: f.name }));
      return;
    }
    setFileProblem(null);
    setFile(f);
  };

  const run = async () => {
    if (!file) return;
    const id = newCallId();
    setCallId(id);
    setStep('running');
    setError(null);
    setCancelling(false);
    try {
      const content = await fileToBase64(file);
      const result = await call('import.run', { category, fileName: file.name, content, allOrNothing, update }, { callId: id });
      setSummary(result);
      setStep('result');
    } catch (err) {
      if (isApiError(err, 'CANCELLED')) message.info(t('records.import.cancelled'));
      else setError(err);
      setStep('options');
    } finally {
      setCallId(null);
    }
  };

  const again = () => {
    setSummary(null);
    setFile(null);
    setError(null);
    if (input.current) input.current.value = '';
    setStep('file');
  };

  const current = STEPS.indexOf(step);
  const categories = catalog.data?.categories ?? [];

  return (
    <>
      <PageTitle
        title={
          <Space size={12}>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('records', category, 'all')} aria-label={t('records.form.back')} />
            <span>{t('records.import.title')}</span>
          </Space>
        }
        intro={t('records.import.intro')}
      />
      <Steps
        current={current}
        style={{ marginBottom: 24, maxWidth: 900 }}
        items={[
          { title: t('records.import.step.file') },
          { title: t('records.import.step.options') },
          { title: t('records.import.step.run') },
          { title: t('records.import.step.result') },
        ]}
      />
      <ErrorAlert error={error} />
      {step === 'file' && (
        <Card size="small" style={{ maxWidth: 900 }}>
          <Descriptions
            column={1}
            styles={{ label: { width: 120, alignItems: 'center' } }}
            items={[
              {
                key: 'category',
                label: t('records.import.category'),
                children: (
                  <Space wrap>
                    <Select
                      value={category}
                      onChange={setCategory}
                      style={{ width: 220 }}
                      aria-label={t('records.import.category')}
                      options={categories.map((c) => ({ value: c.key, label: categoryName(c, locale) }))}
                      data-testid="import-category"
                    />
                    <TemplateButton category={category} />
                  </Space>
                ),
              },
              {
                key: 'file',
                label: t('records.import.file'),
                children: (
                  <div style={{ width: '100%' }}>
                    <input
                      ref={input}
                      type="file"
                      accept=".xlsx,.csv"
                      style={{ display: 'none' }}
                      onChange={(e) => pick(e.target.files?.[0] ?? null)}
                      data-testid="import-file"
                    />
                    <button type="button" className="import-drop" onClick={() => input.current?.click()}>
                      <InboxOutlined className="import-drop-icon" />
                      {file ? (
                        <span>
                          <Typography.Text strong data-testid="import-file-name">
                            {file.name}
                          </Typography.Text>
                          <Typography.Text type="secondary"> · {formatBytes(file.size)}</Typography.Text>
                          <br />
                          <Typography.Text type="secondary">{t('records.import.changeFile')}</Typography.Text>
                        </span>
                      ) : (
                        <span>
                          {t('records.import.chooseFile')}
                          <br />
                          <Typography.Text type="secondary">{t('records.import.fileHint')}</Typography.Text>
                        </span>
                      )}
                    </button>
                    {fileProblem && <Alert type="error" showIcon title={fileProblem} style={{ marginTop: 8 }} />}
                  </div>
                ),
              },
            ]}
          />
          <Flex justify="flex-end" gap={8} style={{ marginTop: 8 }}>
            <Button onClick={() => navigate('records', category, 'all')}>{t('common.cancel')}</Button>
            <Button type="primary" disabled={!file} onClick={() => setStep('options')}>
              {t('common.next')}
            </Button>
          </Flex>
        </Card>
      )}
      {step === 'options' && file && (
        <Card size="small" style={{ maxWidth: 900 }}>
          <Typography.Paragraph>
            {t('records.import.summaryLine', { file: file.name, category: categoryName(categories.find((c) => c.key === category), locale) })}
          </Typography.Paragraph>
          <Typography.Title level={5}>{t('records.import.mode')}</Typography.Title>
          <Radio.Group value={allOrNothing ? 'all' : 'valid'} onChange={(e) => setAllOrNothing(e.target.value === 'all')} style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
            <Radio value="valid">
              {t('records.import.mode.valid')}
              <div className="option-help">{t('records.import.mode.validHelp')}</div>
            </Radio>
            <Radio value="all">
              {t('records.import.mode.all')}
              <div className="option-help">{t('records.import.mode.allHelp')}</div>
            </Radio>
          </Radio.Group>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('records.import.existing')}
          </Typography.Title>
          <Checkbox checked={update} onChange={(e) => setUpdate(e.target.checked)}>
            {t('records.import.update')}
            <div className="option-help">{t('records.import.updateHelp')}</div>
          </Checkbox>
          <Flex justify="flex-end" gap={8} style={{ marginTop: 16 }}>
            <Button onClick={() => setStep('file')}>{t('common.back')}</Button>
            <Button type="primary" icon={<UploadOutlined />} onClick={() => void run()}>
              {t('records.import.start')}
            </Button>
          </Flex>
        </Card>
      )}
      {step === 'running' && (
        <Card size="small" style={{ maxWidth: 900 }} data-testid="import-running">
          <Typography.Paragraph>{t('records.import.running', { file: file?.name ?? '' })}</Typography.Paragraph>
          {progress?.total ? (
            <Progress percent={Math.min(99, Math.floor((100 * progress.done) / progress.total))} status="active" data-testid="import-percent" />
          ) : (
            <Progress percent={100} status="active" showInfo={false} />
          )}
          <Typography.Paragraph type="secondary">
            {!progress
              ? t('records.import.reading')
              : progress.total
                ? t('records.import.progressOf', { n: progress.done.toLocaleString('en-US'), total: progress.total.toLocaleString('en-US') })
                : t('records.import.progress', { n: progress.done.toLocaleString('en-US') })}
          </Typography.Paragraph>
          <Flex justify="flex-end">
            <Button
              danger
              icon={<StopOutlined />}
              loading={cancelling}
              disabled={!callId}
              onClick={() => {
                if (!callId) return;
                setCancelling(true);
                void cancel(callId);
              }}
            >
              {t('records.import.cancel')}
            </Button>
          </Flex>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
            {t('records.import.cancelHelp')}
          </Typography.Paragraph>
        </Card>
      )}
      {step === 'result' && summary && <Outcome summary={summary} onAgain={again} />}
    </>
  );
}
