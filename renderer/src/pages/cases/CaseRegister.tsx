import { ArrowLeftOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Form, Input, Radio, Select, Space, Typography, Upload, type UploadFile } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { todayValue } from '../../lib/dates';
import { useEffect, useMemo, useState } from 'react';
import type { CaseChannel, CaseKind, RecordSummary } from '../../../../electron/contract';
import { CASE_CHANNELS } from '../../../../electron/contract';
import { call } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ObjectionMark } from '../../components/ObjectionMark';
import { PageTitle } from '../../components/PageTitle';
import { RecordStateTag } from '../../components/RecordStateTag';
import { useI18n } from '../../i18n';
import { fileToBase64, formatBytes } from '../../lib/files';
import { navigate } from '../../lib/hashRoute';
import { DraftNotice, useFormDraft } from '../../lib/drafts';
import { useCatalogNames } from '../records/catalog';
import { CHANNEL_KEYS, KIND_PAGE } from './labels';

/** The files a case takes (the core checks each by its content too). */
export const ATTACH_ACCEPT = '.pdf,.jpg,.jpeg,.png,.ofd';
export const MAX_ATTACHMENT = 20 * 1024 * 1024;

interface Values {
  recordIds: number[];
  applicantName: string;
  applicantCode?: string;
  applicantContact?: string;
  channel: CaseChannel;
  platformRef?: string;
  received: Dayjs;
  grounds: string;
}

/** Records to pick from, by name, code or decision number (records.search). */
function RecordPicker({
  value,
  onChange,
  kind,
  initial,
  onPicked,
}: {
  value?: number[];
  onChange?: (ids: number[]) => void;
  kind: CaseKind;
  initial: RecordSummary[];
  onPicked?: (r: RecordSummary) => void;
}) {
  const { t } = useI18n();
  const names = useCatalogNames();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<RecordSummary[]>(initial);
  const [known, setKnown] = useState<Map<number, RecordSummary>>(() => new Map(initial.map((r) => [r.recordId, r])));
  useEffect(() => {
    const q = query.trim();
    if (q.length < 1) return undefined;
    let live = true;
    const timer = window.setTimeout(() => {
      call('records.search', { query: q, limit: 20 }).then(
        (r) => {
          if (!live) return;
          setFound(r.items);
          setKnown((m) => new Map([...m, ...r.items.map((x) => [x.recordId, x] as const)]));
        },
        () => undefined,
      );
    }, 300);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [query, kind]);
  const options = useMemo(() => {
    const shown = new Map(found.map((r) => [r.recordId, r]));
    for (const id of value ?? []) if (!shown.has(id) && known.has(id)) shown.set(id, known.get(id)!);
    return [...shown.values()].map((r) => ({
      value: r.recordId,
      label: `${r.subjectName} · ${r.decisionNo}`,
      record: r,
    }));
  }, [found, known, value]);
  return (
    <Select
      mode={kind === 'objection' ? 'multiple' : undefined}
      showSearch={{ filterOption: false, onSearch: setQuery }}
      value={kind === 'objection' ? value : value?.[0]}
      onChange={(v: number | number[] | undefined) => {
        const ids = v === undefined ? [] : Array.isArray(v) ? v : [v];
        onChange?.(ids);
        const first = ids.length > 0 ? known.get(ids[0]) : undefined;
        if (first) onPicked?.(first);
      }}
      placeholder={t('cases.register.recordsPlaceholder')}
      notFoundContent={query ? t('cases.register.noRecords') : t('cases.register.typeToSearch')}
      options={options}
      optionRender={(o) => {
        const r = (o.data as { record: RecordSummary }).record;
        return (
          <Space size={6} wrap>
            <span>{r.subjectName}</span>
            <Typography.Text type="secondary">
              {names.category(r.category)} · {r.decisionNo} · #{r.recordId}
            </Typography.Text>
            <RecordStateTag state={r.state} />
            <ObjectionMark openMarks={r.openMarks} />
          </Space>
        );
      }}
      data-testid="case-records"
    />
  );
}

/** A case form's draft: everything but the records and the files. */
type CaseDraft = Partial<Record<'applicantName' | 'applicantCode' | 'applicantContact' | 'channel' | 'platformRef' | 'grounds' | 'received', string>>;

/** 登记异议 / 登记修复申请: the records, who asks, how and when it arrived, the grounds and the files. */
export function CaseRegister({ kind, recordId }: { kind: CaseKind; recordId: number | null }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [initial, setInitial] = useState<RecordSummary[] | null>(recordId === null ? [] : null);
  const channel = Form.useWatch('channel', form);
  const [autoName, setAutoName] = useState<string | null>(null);
  const pageId = KIND_PAGE[kind];
  // What is typed is kept as a draft (lib/drafts.tsx); the records come from where the form was opened, files are chosen again.
  const draft = useFormDraft<CaseDraft>({
    form: `case:${kind}:${recordId ?? 'new'}`,
    title: t(kind === 'objection' ? 'cases.register.objection' : 'cases.register.repair'),
    read: () => {
      const v = form.getFieldsValue(true) as Partial<Values>;
      return { applicantName: v.applicantName, applicantCode: v.applicantCode, applicantContact: v.applicantContact, channel: v.channel, platformRef: v.platformRef, grounds: v.grounds, received: v.received?.format('YYYY-MM-DD') };
    },
    restore: (d) =>
      form.setFieldsValue({
        ...d,
        channel: CASE_CHANNELS.find((c) => c === d.channel),
        received: d.received ? dayjs(d.received) : undefined,
      }),
  });

  useEffect(() => {
    if (recordId === null) return;
    call('records.get', { recordId }).then(
      (r) => {
        setInitial([r]);
        setAutoName(r.subjectName);
        form.setFieldsValue({ recordIds: [r.recordId], applicantName: r.subjectName, applicantCode: r.subjectCode && !r.subjectCode.includes('*') ? r.subjectCode : undefined });
      },
      (err: unknown) => {
        setError(err);
        setInitial([]);
      },
    );
  }, [recordId, form]);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const attachments = [];
      for (const f of files) attachments.push({ fileName: f.name, content: await fileToBase64(f.originFileObj as File) });
      const done = await call('cases.register', {
        kind,
        recordIds: v.recordIds,
        applicant: {
          name: v.applicantName.trim(),
          ...(v.applicantCode?.trim() ? { code: v.applicantCode.trim() } : {}),
          ...(v.applicantContact?.trim() ? { contact: v.applicantContact.trim() } : {}),
        },
        channel: v.channel,
        ...(v.channel === 'platform' && v.platformRef?.trim() ? { platformRef: v.platformRef.trim() } : {}),
        received: v.received.format('YYYY-MM-DD'),
        grounds: v.grounds.trim(),
        attachments,
      });
      await draft.saved();
      if (done.state === 'refused') message.warning(t('cases.register.refusedAtOnce', { caseNo: done.caseNo }));
      else message.success(t('cases.register.done', { caseNo: done.caseNo }));
      navigate(pageId, String(done.caseId));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle
        title={
          <Space>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(pageId)} aria-label={t('cases.back')} />
            {t(kind === 'objection' ? 'cases.register.objection' : 'cases.register.repair')}
          </Space>
        }
        intro={t(kind === 'objection' ? 'cases.register.objectionIntro' : 'cases.register.repairIntro')}
      />
      {initial === null ? null : (
        <Card size="small" style={{ maxWidth: 880 }}>
          <DraftNotice draft={draft} onDiscarded={() => form.resetFields(['applicantName', 'applicantCode', 'applicantContact', 'channel', 'platformRef', 'grounds', 'received'])} />
          <Form<Values>
            form={form}
            layout="vertical"
            name="case-register"
            onFinish={submit}
            onValuesChange={draft.changed}
            disabled={busy}
            initialValues={{ channel: 'window', received: todayValue(), recordIds: [] }}
          >
            <Form.Item
              name="recordIds"
              label={t('cases.register.records')}
              extra={t(kind === 'objection' ? 'cases.register.recordsHelp' : 'cases.register.recordHelp')}
              rules={[{ required: true, type: 'array', min: 1, message: t('cases.register.recordsRequired') }]}
            >
              <RecordPicker
                kind={kind}
                initial={initial}
                onPicked={(r) => {
                  // The applicant is usually the record's subject: fill who asks from the record chosen.
                  const name = form.getFieldValue('applicantName') as string | undefined;
                  if (name?.trim() && name.trim() !== autoName) return;
                  setAutoName(r.subjectName);
                  form.setFieldsValue({ applicantName: r.subjectName, applicantCode: r.subjectCode && !r.subjectCode.includes('*') ? r.subjectCode : undefined });
                }}
              />
            </Form.Item>
            <Space size={16} wrap style={{ width: '100%' }} align="start">
              <Form.Item name="applicantName" label={t(kind === 'objection' ? 'cases.register.applicantObjection' : 'cases.register.applicantRepair')} rules={[{ required: true, whitespace: true, message: t('cases.register.applicantRequired') }]} style={{ width: 300 }}>
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name="applicantCode" label={t('cases.register.applicantCode')} extra={t('cases.register.codeFromRecord')} style={{ width: 240 }}>
                <Input maxLength={40} className="mono" />
              </Form.Item>
              <Form.Item name="applicantContact" label={t('cases.register.contact')} style={{ width: 240 }}>
                <Input maxLength={100} />
              </Form.Item>
            </Space>
            <Space size={16} wrap align="start">
              <Form.Item name="channel" label={t('cases.register.channel')} rules={[{ required: true }]}>
                <Radio.Group optionType="button" options={CASE_CHANNELS.map((c) => ({ value: c, label: t(CHANNEL_KEYS[c]) }))} />
              </Form.Item>
              {channel === 'platform' && (
                <Form.Item name="platformRef" label={t('cases.register.platformRef')} rules={[{ required: true, whitespace: true, message: t('cases.register.platformRefRequired') }]} style={{ width: 220 }}>
                  <Input maxLength={100} />
                </Form.Item>
              )}
              <Form.Item name="received" label={t('cases.register.received')} extra={t('cases.register.receivedHelp')} rules={[{ required: true, message: t('cases.register.receivedRequired') }]}>
                <DatePicker format="YYYY-MM-DD" disabledDate={(d) => d.isAfter(todayValue(), 'day')} allowClear={false} />
              </Form.Item>
            </Space>
            <Form.Item
              name="grounds"
              label={t(kind === 'objection' ? 'cases.register.grounds' : 'cases.register.repairGrounds')}
              rules={[
                { required: true, whitespace: true, message: t('cases.register.groundsRequired') },
                { min: 2, message: t('cases.register.groundsRequired') },
              ]}
            >
              <Input.TextArea rows={4} maxLength={5000} showCount />
            </Form.Item>
            <Form.Item label={t('cases.register.attachments')} extra={t('cases.attach.help')}>
              <Upload
                multiple
                accept={ATTACH_ACCEPT}
                fileList={files}
                beforeUpload={(file) => {
                  if (file.size > MAX_ATTACHMENT) {
                    message.error(t('cases.attach.tooLarge', { name: file.name, size: formatBytes(file.size) }));
                    return Upload.LIST_IGNORE;
                  }
                  return false;
                }}
                onChange={({ fileList }) => setFiles(fileList)}
              >
                <Button icon={<PaperClipOutlined />}>{t('cases.attach.choose')}</Button>
              </Upload>
            </Form.Item>
            {kind === 'repair' && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('cases.register.materialsLater')} />}
            <ErrorAlert error={error} />
            <Space>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="case-register-submit">
                {t('cases.register.submit')}
              </Button>
              <Button onClick={() => navigate(pageId)} disabled={busy}>
                {t('common.cancel')}
              </Button>
            </Space>
          </Form>
        </Card>
      )}
    </>
  );
}
