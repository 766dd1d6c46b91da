import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { AutoComplete, Button, DatePicker, Form, Input, Modal, Radio, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { CaseDetail, CaseOutcome } from '../../../../electron/contract';
import { OUTCOMES_BY_KIND } from '../../../../electron/contract';
import { call } from '../../api/client';
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
                      <Form.Item name={[row.name, 'value']} style={{ marginBottom: 0 }}>
                        <Input style={{ width: 300 }} placeholder={t('cases.propose.value')} aria-label={t('cases.propose.value')} data-testid="propose-value" />
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

/** 答复: how the applicant was told, and when. */
export function AnswerModal({ c, open, onClose, onDone }: { c: CaseDetail; open: boolean; onClose: () => void; onDone: (c: CaseDetail) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ method: string; date: Dayjs }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (v: { method: string; date: Dayjs }) => {
    setBusy(true);
    setError(null);
    try {
      const done = await call('cases.answer', { caseId: c.caseId, method: v.method.trim(), date: v.date.format('YYYY-MM-DD') });
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
          <AutoComplete options={METHODS.map((k) => ({ value: t(k) }))} />
        </Form.Item>
        <Form.Item name="date" label={t('cases.answer.date')} rules={[{ required: true }]}>
          <DatePicker format="YYYY-MM-DD" allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day') || (c.decidedOn !== null && d.isBefore(dayjs(c.decidedOn), 'day'))} />
        </Form.Item>
        <ErrorAlert error={error} style={{ marginBottom: 0 }} />
      </Form>
    </Modal>
  );
}

/** 要求补正: which material is missing or defective (the repair clock pauses). */
export function MaterialsModal({ c, item, onClose, onDone }: { c: CaseDetail; item: string | null; onClose: () => void; onDone: (c: CaseDetail) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async ({ reason }: { reason: string }) => {
    if (!item) return;
    setBusy(true);
    setError(null);
    try {
      const done = await call('cases.requestMaterials', { caseId: c.caseId, item, reason: reason.trim() });
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
      title={t('cases.materials.requestTitle', { item: item ?? '' })}
      okText={t('cases.materials.requestConfirm')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={() => !busy && (setError(null), onClose())}
      destroyOnHidden
      width={520}
    >
      <Typography.Paragraph style={{ marginTop: 16 }}>{t('cases.materials.requestExplain')}</Typography.Paragraph>
      <Form form={form} layout="vertical" name="case-materials" onFinish={submit} preserve={false} disabled={busy}>
        <Form.Item name="reason" label={t('cases.materials.requestReason')} rules={[{ required: true, whitespace: true, min: 2, message: t('cases.reason.required') }]}>
          <Input.TextArea rows={3} maxLength={2000} showCount autoFocus />
        </Form.Item>
        <ErrorAlert error={error} style={{ marginBottom: 0 }} />
      </Form>
    </Modal>
  );
}
