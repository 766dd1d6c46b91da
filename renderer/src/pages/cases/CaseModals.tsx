import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { AutoComplete, Button, DatePicker, Form, Input, Modal, Radio, Select, Space, Typography, type FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { todayValue } from '../../lib/dates';
import { useState, type CSSProperties, type ReactNode } from 'react';
import type { CaseDetail, CaseOutcome, IssuedLetterView } from '../../../../electron/contract';
import { OUTCOMES_BY_KIND, SERVICE_METHODS } from '../../../../electron/contract';
import { call } from '../../api/client';
import { useCall } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n, type MessageKey } from '../../i18n';
import { useCatalog } from '../records/catalog';
import { OUTCOME_KEYS } from './labels';

/**
 * The shape every step on a case shares: a form in a modal that sends one call, shows
 * the core's refusal under the fields, and hands the case as it is after the step on.
 * `send` returns null when there is nothing to send (the modal is closing).
 */
function StepModal<V extends object>({
  open,
  title,
  okText,
  danger,
  width,
  intro,
  form,
  name,
  initialValues,
  style,
  send,
  onClose,
  onDone,
  children,
}: {
  open: boolean;
  title: ReactNode;
  okText: ReactNode;
  danger?: boolean;
  width: number;
  /** Above the form. */
  intro?: ReactNode;
  form: FormInstance<V>;
  name: string;
  initialValues?: Partial<V>;
  style?: CSSProperties;
  send: (values: V) => Promise<CaseDetail> | null;
  onClose: () => void;
  onDone: (c: CaseDetail) => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (values: V) => {
    const sending = send(values);
    if (!sending) return;
    setBusy(true);
    setError(null);
    try {
      const done = await sending;
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
      title={title}
      okText={okText}
      okButtonProps={{ danger }}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={() => !busy && (setError(null), onClose())}
      destroyOnHidden
      width={width}
    >
      {intro}
      <Form<V> form={form} layout="vertical" name={name} onFinish={submit} preserve={false} disabled={busy} initialValues={initialValues} style={style}>
        {children}
        <ErrorAlert error={error} style={{ marginBottom: 0 }} />
      </Form>
    </Modal>
  );
}

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
  const spec = action ? REASON[action] : null;
  return (
    <StepModal
      open={spec !== null}
      title={spec ? t(spec.title, { caseNo: c.caseNo }) : ''}
      okText={spec ? t(spec.ok) : ''}
      danger={spec?.danger}
      width={540}
      intro={spec && <Typography.Paragraph style={{ marginTop: 16 }}>{t(spec.explain, { days: c.extensionDays })}</Typography.Paragraph>}
      form={form}
      name="case-reason"
      send={({ reason }) => (spec ? call(spec.method, { caseId: c.caseId, reason: reason.trim() }) : null)}
      onClose={onClose}
      onDone={onDone}
    >
      {spec && (
        <Form.Item name="reason" label={t(spec.label)} rules={[{ required: true, whitespace: true, min: 2, message: t('cases.reason.required') }]}>
          <Input.TextArea rows={3} maxLength={2000} showCount autoFocus />
        </Form.Item>
      )}
    </StepModal>
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
  const send = (v: ProposeValues) => {
    const set: Record<string, string> = {};
    if (v.outcome === 'correct') for (const row of v.set ?? []) if (row.field) set[row.field] = (row.value ?? '').trim();
    return call('cases.propose', { caseId: c.caseId, outcome: v.outcome, reason: v.reason.trim(), ...(v.outcome === 'correct' ? { set } : {}) });
  };
  return (
    <StepModal<ProposeValues>
      open={open}
      title={t('cases.propose.title', { caseNo: c.caseNo })}
      okText={t('cases.propose.confirm')}
      width={720}
      intro={
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {t('cases.propose.explain')}
        </Typography.Paragraph>
      }
      form={form}
      name="case-propose"
      initialValues={{ outcome: OUTCOMES_BY_KIND[c.kind][0], set: [{}] }}
      send={send}
      onClose={onClose}
      onDone={onDone}
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
    </StepModal>
  );
}

const METHODS: MessageKey[] = ['cases.answer.method.mail', 'cases.answer.method.window', 'cases.answer.method.phone', 'cases.answer.method.platform'];

/** 答复: how the applicant was told, and when (the decision letter's 送达 record). */
export function AnswerModal({ c, open, onClose, onDone }: { c: CaseDetail; open: boolean; onClose: () => void; onDone: (c: CaseDetail) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ method: string; date: Dayjs; to?: string }>();
  return (
    <StepModal
      open={open}
      title={t('cases.answer.title', { caseNo: c.caseNo })}
      okText={t('cases.answer.confirm')}
      width={520}
      form={form}
      name="case-answer"
      initialValues={{ date: todayValue() }}
      style={{ marginTop: 16 }}
      send={(v) => call('cases.answer', { caseId: c.caseId, method: v.method.trim(), date: v.date.format('YYYY-MM-DD'), ...(v.to?.trim() ? { servedTo: v.to.trim() } : {}) })}
      onClose={onClose}
      onDone={onDone}
    >
      <Form.Item name="method" label={t('cases.answer.method')} rules={[{ required: true, whitespace: true, min: 2, message: t('cases.answer.methodRequired') }]}>
        <AutoComplete options={[...SERVICE_METHODS.map((m) => ({ value: m })), ...METHODS.map((k) => ({ value: t(k) }))]} />
      </Form.Item>
      <Form.Item name="date" label={t('cases.answer.date')} rules={[{ required: true }]}>
        <DatePicker format="YYYY-MM-DD" allowClear={false} disabledDate={(d) => d.isAfter(todayValue(), 'day') || (c.decidedOn !== null && d.isBefore(dayjs(c.decidedOn), 'day'))} />
      </Form.Item>
      <Form.Item name="to" label={t('cases.serve.to')} initialValue={c.applicantName}>
        <Input maxLength={100} />
      </Form.Item>
    </StepModal>
  );
}

/** 要求补正: every missing or defective item at once, and the date to supply them by (the repair clock pauses; a 补正材料通知书 is issued). */
export function MaterialsModal({ c, item, onClose, onDone }: { c: CaseDetail; item: string | null; onClose: () => void; onDone: (c: CaseDetail) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ items: string[]; reason: string; supplyBy?: Dayjs }>();
  return (
    <StepModal
      open={item !== null}
      title={t('cases.materials.requestTitleMany')}
      okText={t('cases.materials.requestConfirm')}
      width={560}
      intro={<Typography.Paragraph style={{ marginTop: 16 }}>{t('cases.materials.requestExplainMany')}</Typography.Paragraph>}
      form={form}
      name="case-materials"
      initialValues={{ items: item ? [item] : [] }}
      send={(v) => call('cases.requestMaterials', { caseId: c.caseId, items: v.items, reason: v.reason.trim(), ...(v.supplyBy ? { supplyBy: v.supplyBy.format('YYYY-MM-DD') } : {}) })}
      onClose={onClose}
      onDone={onDone}
    >
      <Form.Item name="items" label={t('cases.materials.requestItems')} rules={[{ required: true, type: 'array', min: 1, message: t('cases.materials.requestItems') }]}>
        <Select mode="multiple" options={(c.materials ?? []).map((m) => ({ value: m.item, label: m.item }))} data-testid="materials-items" />
      </Form.Item>
      <Form.Item name="supplyBy" label={t('cases.materials.supplyBy')} extra={t('cases.materials.supplyByHelp')}>
        <DatePicker format="YYYY-MM-DD" disabledDate={(d) => !d.isAfter(todayValue(), 'day')} />
      </Form.Item>
      <Form.Item name="reason" label={t('cases.materials.requestReason')} rules={[{ required: true, whitespace: true, min: 2, message: t('cases.reason.required') }]}>
        <Input.TextArea rows={3} maxLength={2000} showCount autoFocus />
      </Form.Item>
    </StepModal>
  );
}

/** 送达: how, when and to whom one of the case's letters was served (once per letter). */
export function ServeModal({ c, letter, onClose, onDone }: { c: CaseDetail; letter: IssuedLetterView | null; onClose: () => void; onDone: (c: CaseDetail) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ method: string; date: Dayjs; to?: string; note?: string }>();
  const send = (v: { method: string; date: Dayjs; to?: string; note?: string }) =>
    letter
      ? call('cases.serveLetter', {
          caseId: c.caseId,
          letterId: letter.letterId,
          method: v.method.trim(),
          date: v.date.format('YYYY-MM-DD'),
          ...(v.to?.trim() ? { to: v.to.trim() } : {}),
          ...(v.note?.trim() ? { note: v.note.trim() } : {}),
        })
      : null;
  return (
    <StepModal
      open={letter !== null}
      title={letter ? t('cases.serve.title', { title: letter.title, docNo: letter.docNo }) : ''}
      okText={t('cases.serve.confirm')}
      width={520}
      intro={
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {t('cases.serve.explain')}
        </Typography.Paragraph>
      }
      form={form}
      name="case-serve"
      initialValues={{ method: SERVICE_METHODS[0], date: todayValue(), to: c.applicantName }}
      send={send}
      onClose={onClose}
      onDone={onDone}
    >
      <Form.Item name="method" label={t('cases.serve.method')} rules={[{ required: true, whitespace: true, min: 2, message: t('cases.serve.method') }]}>
        <AutoComplete options={SERVICE_METHODS.map((m) => ({ value: m }))} />
      </Form.Item>
      <Form.Item name="date" label={t('cases.serve.date')} rules={[{ required: true }]}>
        <DatePicker format="YYYY-MM-DD" allowClear={false} disabledDate={(d) => d.isAfter(todayValue(), 'day') || (letter !== null && d.isBefore(dayjs(letter.issuedOn), 'day'))} />
      </Form.Item>
      <Form.Item name="to" label={t('cases.serve.to')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="note" label={t('cases.serve.note')}>
        <Input maxLength={500} />
      </Form.Item>
    </StepModal>
  );
}
