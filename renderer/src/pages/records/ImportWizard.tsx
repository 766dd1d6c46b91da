import { ArrowLeftOutlined, FileExcelOutlined, HistoryOutlined, InboxOutlined, StopOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Descriptions, Flex, Progress, Radio, Select, Space, Steps, Typography } from 'antd';
import { useRef, useState } from 'react';
import type { ImportInspection, ImportSummary } from '../../../../electron/contract';
import { call, cancel, isApiError, newCallId } from '../../api/client';
import { useProgress } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/PageTitle';
import { useI18n } from '../../i18n';
import { navigate } from '../../lib/hashRoute';
import { categoryName, useCatalog } from './catalog';
import { downloadPayload, fileToBase64, formatBytes } from '../../lib/files';
import { ImportOutcome } from './ImportOutcome';
import { generationText, ImportPreview } from './ImportPreview';

type Step = 'file' | 'check' | 'options' | 'running' | 'result';
const STEPS: Step[] = ['file', 'check', 'options', 'running', 'result'];
const ACCEPTED = /\.(xlsx|xls|csv)$/i;

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

/**
 * 导入: choose category and file → check the sheet (the layout recognised, where each column goes,
 * missing required fields, the category check) → options (rows with errors, existing records,
 * new records or history already published) → run (progress, cancel) → counts, rules and errors.
 */
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
  const [history, setHistory] = useState(false);
  const [inspection, setInspection] = useState<ImportInspection | null>(null);
  const [inspecting, setInspecting] = useState(false);
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
    setInspection(null);
  };

  /** Reads the header row in the core: nothing is written. */
  const inspect = async (as = category) => {
    if (!file) return;
    setInspecting(true);
    setError(null);
    try {
      const content = await fileToBase64(file);
      setInspection(await call('import.inspect', { category: as, fileName: file.name, content }));
      setStep('check');
    } catch (err) {
      setError(err);
    } finally {
      setInspecting(false);
    }
  };

  const switchCategory = (to: string) => {
    setCategory(to);
    void inspect(to);
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
      const result = await call('import.run', { category, fileName: file.name, content, allOrNothing, update: update && !history, alreadyReported: history }, { callId: id });
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
    setInspection(null);
    setHistory(false);
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
          { title: t('records.import.step.check') },
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
                      accept=".xlsx,.xls,.csv"
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
            <Button type="primary" disabled={!file} loading={inspecting} onClick={() => void inspect()}>
              {inspecting ? t('records.import.inspecting') : t('common.next')}
            </Button>
          </Flex>
        </Card>
      )}
      {step === 'check' && file && inspection && (
        <Card size="small" style={{ maxWidth: 1100 }} data-testid="import-check">
          <ImportPreview inspection={inspection} onSwitchCategory={switchCategory} />
          <Flex justify="flex-end" gap={8} className="import-actions">
            <Button onClick={() => setStep('file')}>{t('common.back')}</Button>
            <Button type="primary" disabled={inspection.suggestion !== null || inspecting} onClick={() => setStep('options')}>
              {t('common.next')}
            </Button>
          </Flex>
        </Card>
      )}
      {step === 'options' && file && (
        <Card size="small" style={{ maxWidth: 900 }}>
          <Typography.Paragraph data-testid="import-summary-line">
            {t(history ? 'records.import.summaryLineHistory' : 'records.import.summaryLine', {
              file: file.name,
              category: categoryName(categories.find((c) => c.key === category), locale),
            })}
            {inspection && (
              <Typography.Text type="secondary">
                {' '}
                {t('records.import.generation', { name: generationText(inspection.generation.name, locale) })}
              </Typography.Text>
            )}
          </Typography.Paragraph>
          <Typography.Title level={5}>{t('records.import.source')}</Typography.Title>
          <Radio.Group value={history ? 'history' : 'new'} onChange={(e) => setHistory(e.target.value === 'history')} style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
            <Radio value="new">
              {t('records.import.source.new')}
              <div className="option-help">{t('records.import.source.newHelp')}</div>
            </Radio>
            <Radio value="history" data-testid="import-history-option">
              {t('records.import.source.history')}
              <div className="option-help">{t('records.import.source.historyHelp')}</div>
            </Radio>
          </Radio.Group>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('records.import.mode')}
          </Typography.Title>
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
          <Checkbox checked={update && !history} disabled={history} onChange={(e) => setUpdate(e.target.checked)}>
            {t('records.import.update')}
            <div className="option-help">{history ? t('records.import.updateDisabled') : t('records.import.updateHelp')}</div>
          </Checkbox>
          <Flex justify="flex-end" gap={8} className="import-actions">
            <Button onClick={() => setStep('check')}>{t('common.back')}</Button>
            <Button type="primary" icon={history ? <HistoryOutlined /> : <UploadOutlined />} onClick={() => void run()}>
              {history ? t('records.import.startHistory') : t('records.import.start')}
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
      {step === 'result' && summary && <ImportOutcome summary={summary} onAgain={again} />}
    </>
  );
}
