import { CheckCircleFilled, CloseCircleFilled, FileSearchOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Flex, Form, Input, Modal, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import type { PrintLogEntry, PrintLookup } from '../../../../electron/contract';
import { call } from '../../api/client';
import { useCall } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/PageTitle';
import { useI18n, type MessageKey } from '../../i18n';
import { formatDateTime } from '../../lib/dates';
import { fileToBase64, shortDigest } from '../../lib/files';
import { useSession } from '../../session/SessionContext';

const KINDS = ['credit-file', 'batch-sheet', 'key-sheet', 'letter', 'case-sheet', 'check-result', 'monthly-report', 'manual'] as const;

function useKindName() {
  const { t } = useI18n();
  // A case letter shows its own title (受理通知书, 异议处理决定书 …).
  return (kind: string, title: string) => (kind !== 'letter' && (KINDS as readonly string[]).includes(kind) ? t(`print.kind.${kind}` as MessageKey) : title);
}

/** 核对打印件: what a print number was, and whether a PDF is exactly that print. */
function LookupModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const kindName = useKindName();
  const [form] = Form.useForm<{ printNo: string }>();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<PrintLookup | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!open) {
      setFile(null);
      setResult(null);
      setError(null);
    }
  }, [open]);

  const check = async ({ printNo }: { printNo: string }) => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await call('print.lookup', { printNo: printNo.trim(), ...(file ? { content: await fileToBase64(file) } : {}) }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const e = result?.entry;
  return (
    <Modal open={open} title={t('print.lookup.title')} onCancel={onClose} footer={null} destroyOnHidden width={620}>
      <Typography.Paragraph type="secondary">{t('print.lookup.intro')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={check} preserve={false}>
        <Form.Item name="printNo" label={t('print.lookup.printNo')} rules={[{ required: true, whitespace: true, message: t('print.lookup.printNoRequired') }]}>
          <Input placeholder="P2026-000123" className="mono" data-testid="lookup-print-no" />
        </Form.Item>
        <Form.Item>
          <Upload
            accept=".pdf,application/pdf"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              return false;
            }}
            onRemove={() => setFile(null)}
            fileList={file ? [{ uid: 'pdf', name: file.name, status: 'done' }] : []}
          >
            <Button icon={<UploadOutlined />} data-testid="lookup-file">
              {t('print.lookup.file')}
            </Button>
          </Upload>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="lookup-check">
          {t('print.lookup.check')}
        </Button>
      </Form>
      <div style={{ marginTop: 16 }}>
        <ErrorAlert error={error} />
        {e && (
          <Space direction="vertical" style={{ width: '100%' }} data-testid="lookup-result">
            {result.matches !== null && (
              <Alert
                type={result.matches ? 'success' : 'error'}
                showIcon
                icon={result.matches ? <CheckCircleFilled /> : <CloseCircleFilled />}
                title={t(result.matches ? 'print.lookup.matches' : 'print.lookup.differs')}
              />
            )}
            <Descriptions
              bordered
              size="small"
              column={1}
              styles={{ label: { width: 110, whiteSpace: 'nowrap' } }}
              items={[
                { key: 'no', label: t('print.log.col.printNo'), children: <span className="mono">{e.printNo}</span> },
                { key: 'what', label: t('print.log.col.kind'), children: t('print.lookup.what', { kind: kindName(e.kind, e.title), target: e.targetLabel }) },
                { key: 'by', label: t('print.log.col.by'), children: `${e.printedByName}（${e.printedBy}）` },
                { key: 'at', label: t('print.log.col.at'), children: formatDateTime(e.printedAt) },
                { key: 'pages', label: t('print.log.col.pages'), children: e.pages ?? t('common.none') },
                { key: 'sm3', label: t('print.log.col.sm3'), children: <span className="mono">{e.sm3 ?? t('common.none')}</span> },
              ]}
            />
          </Space>
        )}
      </div>
    </Modal>
  );
}

/** 打印记录: every print with its number, for archivists and auditors. */
export function PrintLogPage() {
  const { t } = useI18n();
  const kindName = useKindName();
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<string | undefined>(undefined);
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const [lookingUp, setLookingUp] = useState(false);
  const { may } = useSession();
  const list = useCall('print.log', { query: query || undefined, kind, offset: (page.current - 1) * page.pageSize, limit: page.pageSize });

  const columns: ColumnsType<PrintLogEntry> = [
    { title: t('print.log.col.printNo'), dataIndex: 'printNo', width: 140, render: (n: string) => <span className="mono nowrap">{n}</span> },
    { title: t('print.log.col.kind'), dataIndex: 'kind', width: 130, render: (k: string, e) => kindName(k, e.title) },
    { title: t('print.log.col.target'), dataIndex: 'targetLabel' }, // names whole, wrapped: the digest column gives way
    {
      title: t('print.log.col.pages'),
      dataIndex: 'pages',
      width: 90,
      align: 'right',
      render: (p: number | null, e) =>
        e.state === 'done' ? p : <Tag color={e.state === 'failed' ? 'error' : 'default'}>{t(e.state === 'failed' ? 'print.log.failed' : 'print.log.rendering')}</Tag>,
    },
    {
      title: t('print.log.col.masked'),
      dataIndex: 'masked',
      width: 170,
      ellipsis: true,
      render: (m: boolean, e) => (m ? t('print.log.masked') : <Tag color="warning">{t('print.log.unmasked', { reason: e.unmaskReason ?? '' })}</Tag>),
    },
    { title: t('print.log.col.by'), dataIndex: 'printedByName', width: 120 },
    { title: t('print.log.col.at'), dataIndex: 'printedAt', width: 160, render: (at: string) => formatDateTime(at) },
    { title: t('print.log.col.sm3'), dataIndex: 'sm3', width: 112, render: (h: string | null) => (h ? <span className="mono" title={h}>{shortDigest(h, 4, 4)}</span> : t('common.none')) },
  ];

  return (
    <>
      <PageTitle
        title={t('print.log.title')}
        intro={t('print.log.intro')}
        extra={
          // Looking a print up is for archivists, auditors and approvers (issue 18), not every reader of the log.
          may('print.lookup') && (
            <Button icon={<FileSearchOutlined />} onClick={() => setLookingUp(true)} data-testid="print-lookup">
              {t('print.lookup.button')}
            </Button>
          )
        }
      />
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('print.log.search')}
          aria-label={t('print.log.search')}
          style={{ width: 300 }}
          onSearch={(v) => {
            setQuery(v.trim());
            setPage((p) => ({ ...p, current: 1 }));
          }}
          data-testid="print-log-search"
        />
        <Select
          allowClear
          style={{ width: 180 }}
          placeholder={t('print.log.allKinds')}
          aria-label={t('print.log.kind')}
          value={kind}
          onChange={(v: string | undefined) => {
            setKind(v);
            setPage((p) => ({ ...p, current: 1 }));
          }}
          options={KINDS.map((k) => ({ value: k, label: t(`print.kind.${k}`) }))}
        />
      </Flex>
      <ErrorAlert error={list.error} />
      <Table<PrintLogEntry>
        rowKey="printNo"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        locale={{ emptyText: t('print.log.empty') }}
        data-testid="print-log"
        pagination={{
          ...page,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (total) => t('records.total', { total: total.toLocaleString('en-US') }),
          onChange: (current, pageSize) => setPage({ current: pageSize === page.pageSize ? current : 1, pageSize }),
        }}
      />
      <LookupModal open={lookingUp} onClose={() => setLookingUp(false)} />
    </>
  );
}
