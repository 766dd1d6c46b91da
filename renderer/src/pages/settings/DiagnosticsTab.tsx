/**
 * 系统设置 → 诊断信息: what an administrator gives to support — versions, the platform,
 * recent errors (by code) and how long each kind of operation took. It holds no
 * name, code, ID number or record content (see electron/core/support/diagnostics.ts).
 */
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Flex, Table, Typography } from 'antd';
import type { DiagnosticsReport } from '../../../../electron/contract';
import { useCall } from '../../api/hooks';
import { LoadState } from '../../components/LoadState';
import { methodLabel, useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/dates';
import { downloadBlob } from '../../lib/files';

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function fileName(report: DiagnosticsReport): string {
  const at = report.generatedAt.replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `信用工作台-诊断信息-${at}.json`;
}

export function DiagnosticsTab() {
  const { t, locale } = useI18n();
  const report = useCall('diagnostics.report');
  return (
    <LoadState {...report}>
      {(r) => (
        <Flex vertical gap={16} data-testid="diagnostics">
          <Alert type="info" showIcon title={t('diagnostics.intro')} />
          <Flex gap={8}>
            <Button
              type="primary"
              icon={<DownloadOutlined />}
              onClick={() => downloadBlob(new Blob([`${JSON.stringify(r, null, 2)}\n`], { type: 'application/json' }), fileName(r))}
              data-testid="diagnostics-save"
            >
              {t('diagnostics.save')}
            </Button>
            <Button icon={<ReloadOutlined />} onClick={report.reload}>
              {t('diagnostics.refresh')}
            </Button>
          </Flex>
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label={t('diagnostics.version')}>{r.product.version}</Descriptions.Item>
            <Descriptions.Item label={t('diagnostics.schema')}>{t('about.schema.both', { db: r.schema.database ?? '—', app: r.schema.app })}</Descriptions.Item>
            <Descriptions.Item label={t('diagnostics.platform')}>
              {r.platform.os} {r.platform.release} {r.platform.arch} · {r.platform.cpus} CPU · {r.platform.memoryMiB} MiB
            </Descriptions.Item>
            <Descriptions.Item label={t('diagnostics.uptime')}>{t('diagnostics.uptime.value', { minutes: Math.round(r.process.uptimeSeconds / 60), rss: r.process.rssMiB })}</Descriptions.Item>
            <Descriptions.Item label={t('diagnostics.database')}>
              {mb(r.database.fileBytes)}（WAL {mb(r.database.walBytes)}）
            </Descriptions.Item>
            <Descriptions.Item label={t('diagnostics.generatedAt')}>{formatDateTime(r.generatedAt)}</Descriptions.Item>
          </Descriptions>
          <div>
            <Typography.Title level={5}>{t('diagnostics.errors', { n: r.recentErrors.length })}</Typography.Title>
            <Table
              size="small"
              rowKey={(e) => `${e.at}-${e.method}-${e.code}`}
              dataSource={r.recentErrors.slice(0, 20)}
              pagination={false}
              locale={{ emptyText: t('diagnostics.errors.none') }}
              columns={[
                { title: t('diagnostics.col.at'), dataIndex: 'at', width: 170, render: (v: string) => formatDateTime(v) },
                { title: t('diagnostics.col.method'), dataIndex: 'method', render: (m: string) => `${methodLabel(locale, m)}（${m}）` },
                { title: t('diagnostics.col.code'), dataIndex: 'code', width: 200, render: (c: string, e) => (e.kind ? `${c} · ${e.kind}` : c) },
              ]}
            />
          </div>
          <div>
            <Typography.Title level={5}>{t('diagnostics.timings')}</Typography.Title>
            <Table
              size="small"
              rowKey="method"
              dataSource={r.timings.slice(0, 15)}
              pagination={false}
              columns={[
                { title: t('diagnostics.col.method'), dataIndex: 'method', render: (m: string) => `${methodLabel(locale, m)}（${m}）` },
                { title: t('diagnostics.col.calls'), dataIndex: 'calls', width: 80, align: 'right' },
                { title: t('diagnostics.col.mean'), dataIndex: 'meanMs', width: 110, align: 'right' },
                { title: t('diagnostics.col.p95'), dataIndex: 'p95Ms', width: 110, align: 'right' },
                { title: t('diagnostics.col.max'), dataIndex: 'maxMs', width: 110, align: 'right' },
              ]}
            />
          </div>
        </Flex>
      )}
    </LoadState>
  );
}
