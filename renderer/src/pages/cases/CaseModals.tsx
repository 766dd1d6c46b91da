import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { AutoComplete, Button, DatePicker, Form, Input, Modal, Radio, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { CaseDetail, CaseOutcome, IssuedLetterView } from '../../../../electron/contract';
import { OUTCOMES_BY_KIND, SERVICE_METHODS } from '../../../../electron/contract';
import { call } from '../../api/client';
import { useCall } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n, type MessageKey } from '../../i18n';
import { useCatalog } from '../records/catalog';
import { OUTCOME_KEYS } from './labels';

export type ReasonAction = 'refuse' | 'extend' | 'return';

const REASON: Record<ReasonAction, { title: MessageKey; label: MessageKey; explain: MessageKey; ok: MessageKey; method: 'cases.refuse' | 'cases.extend' | 'cases.return'; danger: boolean }> = {
  refuse: { title: 'cases.refuse.title', label: 'cases.refuse.reason', explain: 'cases.refuse.explain', ok: 'cases.refuse.confirm', method: 'cases.refuse', danger: true },
  extend: { title: 'cases.extend.title', label: 'cases.extend.reason', explain: 'cases.extend.explain', ok: 'cases.extend.confirm', method: 'cases.extend', danger: false },
  return: { title: 'cases.return.title', label: 'cases.return.reason', explain: 'cases.return.explain', ok: 'cases.return.confirm', method: 'cases.return', danger: true },
};

/** 不予受理 / 延期 / 退回: a step that needs a reason. */
export function ReasonModal({ c, action, onClose, onDone }: { c: CaseDetail; action: ReasonAction | null; onClose: () => void; onDone: (c: CaseDetail) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const spec = action ? REASON[action] : null;
  const submit = async ({ reason }: { reason: string }) => {
    if (!spec) return;
    setBusy(true);
    setError(null);
    try {
      const done = await call(spec.method, { caseId: c.caseId, reason: reason.trim() });
      setBusy(false);
      onDone(done);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <Modal
      open={spec !== null}
      title={spec ? t(spec.title, { caseNo: c.caseNo }) : ''}
      okText={spec ? t(spec.ok) : ''}
      okButtonProps={{ danger: spec?.danger }}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={() => !busy && (setError(null), onClose())}
      destroyOnHidden
      width={540}
    >
      {spec && (
        <>
          <Typography.Paragraph style={{ marginTop: 16 }}>{t(spec.explain, { days: c.extensionDays })}</Typography.Paragraph>
          <Form form={form} layout="vertical" name="case-reason" onFinish={submit} preserve={false} disabled={busy}>
            <Form.Item name="reason" label={t(spec.label)} rules={[{ required: true, whitespace: true, min: 2, message: t('cases.reason.required') }]}>
              <Input.TextArea rows={3} maxLength={2000} showCount autoFocus />
            </Form.Item>
            <ErrorAlert error={error} style={{ marginBottom: 0 }} />
          </Form>
        </>
      )}
    </Modal>
  );
}

interface ProposeValues {
  outcome: CaseOutcome;
  reason: string;
  set?: { field?: string; value?: string }[];
}

/** 拟处理: the outcome, its reasons and, for 更正, the corrected fields. */
export function ProposeModal({ c, open, onClose, onDone }: { c: CaseDetail; open: boolean; onClose: () => void; onDone: (c: CaseDetail) => void }) {
  const { t, locale } = useI18n();
  const { data: catalog } = useCatalog();
  const [form] = Form.useForm<ProposeValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const outcome = Form.useWatch('outcome', form);
  const category = catalog?.categories.find((x) => x.key === c.records[0]?.category);
  // The record's current values: each corrected field shows what it holds now.
  const current = useCall('records.get', { recordId: c.records[0]?.recordId ?? 0 }, open && outcome === 'correct' && c.records.length > 0);
  const currentText = (field: string | undefined) => {
    if (!field || !current.data) return null;
    const v = current.data.fields[field];
    const shown = v === null || v === undefined || v === '' ? t('records.history.empty') : Array.isArray(v) ? v.join('；') : String(v);
    return t('cases.propose.current', { value: shown });
  };
  const submit = async (v: ProposeValues) => {
    setBusy(true);
    setError(null);
    try {
      const set: Record<string, string> = {};
      if (v.outcome === 'correct') for (const row of v.set ?? []) if (row.field) set[row.field] = (row.value ?? '').trim();
      const done = await call('cases.propose', { caseId: c.caseId, outcome: v.outcome, reason: v.reason.trim(), ...(v.outcome === 'correct' ? { set } : {}) });
      setBusy(false);
      onDone(done);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t('cases.propose.title', { caseNo: c.caseNo })}
      okText={t('cases.propose.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={() => !busy && (setError(null), onClose())}
      destroyOnHidden
      width={720}
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t('cases.propose.explain')}
      </Typography.Paragraph>
      <Form<ProposeValues>
        form={form}
        layout="vertical"
        name="case-propose"
        onFinish={submit}
        preserve={false}
        disabled={busy}
        initialValues={{ outcome: OUTCOMES_BY_KIND[c.kind][0], set: [{}] }}
      >
        <Form.Item name="outcome" label={t('cases.propose.outcome')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={OUTCOMES_BY_KIND[c.kind].map((o) => ({ value: o, label: t(OUTCOME_KEYS[o]) }))} />
        </Form.Item>
        {outcome === 'correct' && (
          <Form.Item label={t('cases.propose.fields')} extra={t('cases.propose.fieldsHelp')} required>
            <Form.List name="set">
              {(rows, { add, remove }) => (
                <>
                  {rows.map((row) => (
                    <Space key={row.key} align="baseline" style={{ display: 'flex', marginBottom: 8 }}>
                      <Form.Item name={[row.name, 'field']} rules={[{ required: true, message: t('cases.propose.fieldRequired') }]} style={{ marginBottom: 0 }}>
                        <Select
                          showSearch={{ optionFilterProp: 'label' }}
                          style={{ width: 260 }}
                          placeholder={t('cases.propose.field')}
                          aria-label={t('cases.propose.field')}
                          options={(category?.fields ?? []).map((f) => ({ value: f.code, label: locale === 'zh-CN' ? f.label : f.labelEn }))}
                          data-testid="propose-field"
                        />
                      </Form.Item>
                      <Form.Item noStyle shouldUpdate>
                        {() => (
                          <Form.Item
                            name={[row.name, 'value']}
                            style={{ marginBottom: 0 }}
                            extra={<span data-testid="propose-current">{currentText(form.getFieldValue(['set', row.name, 'field']) as string | undefined)}</span>}
                          >
                            <Input style={{ width: 300 }} placeholder={t('cases.propose.value')} aria-label={t('cases.propose.value')} data-testid="propose-value" />
                          </Form.Item>
                        )}
                      </Form.Item>
                      {rows.length > 1 && <MinusCircleOutlined onClick={() => remove(row.name)} aria-label={t('cases.propose.removeField')} />}
                    </Space>
                  ))}
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                    {t('cases.propose.addField')}
                  </Button>
                </>
              )}
            </Form.List>
          </Form.Item>
        )}
        <Form.Item name="reason" label={t('cases.propose.reason')} rules={[{ required: true, whitespace: true, min: 2, message: t('cases.reason.required') }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
        <ErrorAlert error={error} style={{ marginBottom: 0 }} />
      </Form>
    </Modal>
  );
}

const METHODS: MessageKey[] = ['cases.answer.method.mail', 'cases.answer.method.window', 'cases.answer.method.phone', 'cases.answer.method.platform'];

/** 答复: how the applicant was told, and when (the decision letter's 送达 record). */
export function AnswerModal({ c, open, onClose, onDone }: { c: CaseDetail; open: boolean; onClose: () => void; onDone: (c: CaseDetail) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ method: string; date: Dayjs; to?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (v: { method: string; date: Dayjs; to?: string }) => {
    setBusy(true);
    setError(null);
    try {
      const done = await call('cases.answer', { caseId: c.caseId, method: v.method.trim(), date: v.date.format('YYYY-MM-DD'), ...(v.to?.trim() ? { servedTo: v.to.trim() } : {}) });
      setBusy(false);
      onDone(done);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t('cases.answer.title', { caseNo: c.caseNo })}
      okText={t('cases.answer.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={() => !busy && (setError(null), onClose())}
      destroyOnHidden
      width={520}
    >
      <Form form={form} layout="vertical" name="case-answer" onFinish={submit} preserve={false} disabled={busy} initialValues={{ date: dayjs() }} style={{ marginTop: 16 }}>
        <Form.Item name="method" label={t('cases.answer.method')} rules={[{ required: true, whitespace: true, min: 2, message: t('cases.answer.methodRequired') }]}>
          <AutoComplete options={[...SERVICE_METHODS.map((m) => ({ value: m })), ...METHODS.map((k) => ({ value: t(k) }))]} />
        </Form.Item>
        <Form.Item name="date" label={t('cases.answer.date')} rules={[{ required: true }]}>
          <DatePicker format="YYYY-MM-DD" allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day') || (c.decidedOn !== null && d.isBefore(dayjs(c.decidedOn), 'day'))} />
        </Form.Item>
        <Form.Item name="to" label={t('cases.serve.to')} initialValue={c.applicantName}>
          <Input maxLength={100} />
        </Form.Item>
        <ErrorAlert error={error} style={{ marginBottom: 0 }} />
      </Form>
    </Modal>
  );
}

/** 要求补正: every missing or defective item at once, and the date to supply them by (the repair clock pauses; a 补正材料通知书 is issued). */
export function MaterialsModal({ c, item, onClose, onDone }: { c: CaseDetail; item: string | null; onClose: () => void; onDone: (c: CaseDetail) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ items: string[]; reason: string; supplyBy?: Dayjs }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (v: { items: string[]; reason: string; supplyBy?: Dayjs }) => {
    setBusy(true);
    setError(null);
    try {
      const done = await call('cases.requestMaterials', { caseId: c.caseId, items: v.items, reason: v.reason.trim(), ...(v.supplyBy ? { supplyBy: v.supplyBy.format('YYYY-MM-DD') } : {}) });
      setBusy(false);
      onDone(done);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <Modal
      open={item !== null}
      title={t('cases.materials.requestTitleMany')}
      okText={t('cases.materials.requestConfirm')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={() => !busy && (setError(null), onClose())}
      destroyOnHidden
      width={560}
    >
      <Typography.Paragraph style={{ marginTop: 16 }}>{t('cases.materials.requestExplainMany')}</Typography.Paragraph>
      <Form form={form} layout="vertical" name="case-materials" onFinish={submit} preserve={false} disabled={busy} initialValues={{ items: item ? [item] : [] }}>
        <Form.Item name="items" label={t('cases.materials.requestItems')} rules={[{ required: true, type: 'array', min: 1, message: t('cases.materials.requestItems') }]}>
          <Select mode="multiple" options={(c.materials ?? []).map((m) => ({ value: m.item, label: m.item }))} data-testid="materials-items" />
        </Form.Item>
        <Form.Item name="supplyBy" label={t('cases.materials.supplyBy')} extra={t('cases.materials.supplyByHelp')}>
          <DatePicker format="YYYY-MM-DD" disabledDate={(d) => !d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="reason" label={t('cases.materials.requestReason')} rules={[{ required: true, whitespace: true, min: 2, message: t('cases.reason.required') }]}>
          <Input.TextArea rows={3} maxLength={2000} showCount autoFocus />
        </Form.Item>
        <ErrorAlert error={error} style={{ marginBottom: 0 }} />
      </Form>
    </Modal>
  );
}

/** 送达: how, when and to whom one of the case's letters was served (once per letter). */
export function ServeModal({ c, letter, onClose, onDone }: { c: CaseDetail; letter: IssuedLetterView | null; onClose: () => void; onDone: (c: CaseDetail) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ method: string; date: Dayjs; to?: string; note?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (v: { method: string; date: Dayjs; to?: string; note?: string }) => {
    if (!letter) return;
    setBusy(true);
    setError(null);
    try {
      const done = await call('cases.serveLetter', {
        caseId: c.caseId,
        letterId: letter.letterId,
        method: v.method.trim(),
        date: v.date.format('YYYY-MM-DD'),
        ...(v.to?.trim() ? { to: v.to.trim() } : {}),
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      });
      setBusy(false);
      onDone(done);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <Modal
      open={letter !== null}
      title={letter ? t('cases.serve.title', { title: letter.title, docNo: letter.docNo }) : ''}
      okText={t('cases.serve.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={() => !busy && (setError(null), onClose())}
      destroyOnHidden
      width={520}
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t('cases.serve.explain')}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" name="case-serve" onFinish={submit} preserve={false} disabled={busy} initialValues={{ method: SERVICE_METHODS[0], date: dayjs(), to: c.applicantName }}>
        <Form.Item name="method" label={t('cases.serve.method')} rules={[{ required: true, whitespace: true, min: 2, message: t('cases.serve.method') }]}>
          <AutoComplete options={SERVICE_METHODS.map((m) => ({ value: m }))} />
        </Form.Item>
        <Form.Item name="date" label={t('cases.serve.date')} rules={[{ required: true }]}>
          <DatePicker format="YYYY-MM-DD" allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day') || (letter !== null && d.isBefore(dayjs(letter.issuedOn), 'day'))} />
        </Form.Item>
        <Form.Item name="to" label={t('cases.serve.to')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="note" label={t('cases.serve.note')}>
          <Input maxLength={500} />
        </Form.Item>
        <ErrorAlert error={error} style={{ marginBottom: 0 }} />
      </Form>
    </Modal>
  );
}
