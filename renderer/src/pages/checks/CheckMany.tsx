import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Flex, Progress, Result, Select, Typography } from 'antd';
import { useRef, useState, type ChangeEvent } from 'react';
import { MATTERS, type CheckRunSummary, type FilePayload, type Matter } from '../../../../electron/contract';
import { call, newCallId } from '../../api/client';
import { useProgress } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';
import { downloadPayload, fileToBase64 } from '../../lib/files';
import { navigate } from '../../lib/hashRoute';

/** 批量核查: every applicant of an .xlsx/.csv; the result workbook (a summary sheet, a row per applicant) to download. */
export function CheckMany() {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [matter, setMatter] = useState<Matter>('行政许可');
  const [callId, setCallId] = useState<string | null>(null);
  const progress = useProgress(callId);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<{ summary: CheckRunSummary; file: FilePayload } | null>(null);

  const picked = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setError(null);
    setDone(null);
    const id = newCallId();
    setCallId(id);
    try {
      const content = await fileToBase64(file);
      const r = await call('checks.runUpload', { fileName: file.name, content, matter }, { callId: id });
      setDone(r);
    } catch (err) {
      setError(err);
    } finally {
      setCallId(null);
    }
  };

  const s = done?.summary;
  return (
    <div style={{ maxWidth: 900 }}>
      <Typography.Paragraph>{t('checks.many.intro')}</Typography.Paragraph>
      <Flex gap={12} align="center" wrap style={{ marginBottom: 16 }}>
        <span>{t('checks.field.matter')}</span>
        <Select value={matter} onChange={setMatter} options={MATTERS.map((m) => ({ value: m, label: m }))} style={{ width: 160 }} aria-label={t('checks.field.matter')} />
        <input ref={input} type="file" accept=".xlsx,.csv" style={{ display: 'none' }} onChange={picked} data-testid="check-file" />
        <Button type="primary" icon={<UploadOutlined />} loading={callId !== null} onClick={() => input.current?.click()}>
          {t('checks.many.pick')}
        </Button>
      </Flex>
      {callId !== null && (
        <Progress
          percent={progress?.total ? Math.min(99, Math.floor((100 * progress.done) / progress.total)) : 0}
          status="active"
          format={() => t('checks.many.progress', { n: (progress?.done ?? 0).toLocaleString('en-US') })}
          style={{ marginBottom: 16 }}
        />
      )}
      <ErrorAlert error={error} />
      {s && done && (
        <Result
          status={s.withHits > 0 ? 'warning' : 'success'}
          title={t('checks.many.done', { total: s.total.toLocaleString('en-US'), hits: s.withHits.toLocaleString('en-US') })}
          style={{ padding: '8px 0' }}
          extra={[
            <Button key="download" type="primary" icon={<DownloadOutlined />} onClick={() => downloadPayload(done.file)}>
              {t('checks.many.download')}
            </Button>,
            <Button key="history" onClick={() => navigate('checks', 'history', String(s.runId))}>
              {t('checks.many.toHistory')}
            </Button>,
          ]}
        >
          <Descriptions
            bordered
            size="small"
            column={1}
            data-testid="check-run-summary"
            items={[
              { key: 'file', label: t('checks.many.file'), children: s.fileName },
              { key: 'matter', label: t('checks.field.matter'), children: s.matter },
              { key: 'total', label: t('checks.many.total'), children: s.total.toLocaleString('en-US') },
              { key: 'clean', label: t('checks.many.clean'), children: s.clean.toLocaleString('en-US') },
              { key: 'hits', label: t('checks.many.withHits'), children: s.withHits.toLocaleString('en-US') },
              { key: 'numbers', label: t('checks.field.checkNo'), children: s.firstCheckNo === s.lastCheckNo ? s.firstCheckNo : `${s.firstCheckNo} — ${s.lastCheckNo}` },
              {
                key: 'versions',
                label: t('checks.field.versions'),
                children: s.versions.length ? s.versions.map((v) => t('checks.versionTag', { name: v.name, version: v.version, date: v.issuedOn })).join('；') : t('checks.noLists'),
              },
            ]}
          />
          {s.skipped.length > 0 && (
            <Alert type="info" showIcon style={{ marginTop: 12 }} title={t('checks.many.skipped', { rows: s.skipped.map((x) => x.row).join('、') })} />
          )}
        </Result>
      )}
    </div>
  );
}
