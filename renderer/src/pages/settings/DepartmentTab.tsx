import { App, Button, Divider, Form, Input, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import type { DepartmentProfile } from '../../../../electron/contract';
import { DOC_NO_CODES, LETTER_KINDS, LETTER_TITLES } from '../../../../electron/contract';
import { call } from '../../api/client';
import { DepartmentDescriptions } from '../../components/DepartmentDescriptions';
import { DepartmentFields } from '../../components/DepartmentFields';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';
import { useSession } from '../../session/SessionContext';
import { useDepartment } from '../shell/DepartmentContext';

function DepartmentForm({ department, onSaved }: { department: DepartmentProfile; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const save = async (values: DepartmentProfile) => {
    setBusy(true);
    setError(null);
    try {
      // An emptied pattern restores the default.
      const docNoPatterns = Object.fromEntries(LETTER_KINDS.map((k) => [k, (values.docNoPatterns?.[k] ?? '').trim()]));
      await call('department.update', { ...values, docNoPatterns });
      message.success(t('settings.department.saved'));
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<DepartmentProfile>
      layout="vertical"
      name="department"
      initialValues={department}
      onFinish={save}
      disabled={busy}
      style={{ maxWidth: 560 }}
    >
      <DepartmentFields />
      <LetterFields department={department} />
      <ErrorAlert error={error} />
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('common.save')}
      </Button>
    </Form>
  );
}

/** What letters carry: the 机关代字 and 发文字号 patterns, the remedies' 复议机关 and court. */
function LetterFields({ department }: { department: DepartmentProfile }) {
  const { t } = useI18n();
  const short = Form.useWatch('shortName') as string | undefined;
  return (
    <div data-testid="department-letters">
      <Divider titlePlacement="start">{t('dept.letters.title')}</Divider>
      <Typography.Paragraph type="secondary">{t('dept.letters.intro')}</Typography.Paragraph>
      <Form.Item name="shortName" label={t('dept.shortName')} extra={t('dept.shortNameHelp')}>
        <Input maxLength={20} autoComplete="off" style={{ width: 240 }} />
      </Form.Item>
      <Form.Item name="reconsiderationBody" label={t('dept.reconsiderationBody')} extra={t('dept.reconsiderationBodyHelp')}>
        <Input maxLength={100} autoComplete="off" />
      </Form.Item>
      <Form.Item name="court" label={t('dept.court')} extra={t('dept.courtHelp')}>
        <Input maxLength={100} autoComplete="off" />
      </Form.Item>
      {LETTER_KINDS.map((k) => (
        <Form.Item key={k} name={['docNoPatterns', k]} label={t('dept.docNo', { title: LETTER_TITLES[k] })}>
          <Input maxLength={60} autoComplete="off" placeholder={`${short?.trim() || department.name}${DOC_NO_CODES[k]}〔{year}〕{n}号`} data-testid={`docno-${k}`} />
        </Form.Item>
      ))}
      <Typography.Paragraph type="secondary">{t('dept.docNoHelp')}</Typography.Paragraph>
    </div>
  );
}

export function DepartmentTab() {
  const { t } = useI18n();
  const { may } = useSession();
  const { department, reload } = useDepartment();
  if (!department) return <Skeleton active />;
  if (may('department.update')) return <DepartmentForm department={department} onSaved={reload} />;
  return (
    <>
      <DepartmentDescriptions department={department} />
      <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
        {t('settings.adminOnly')}
      </Typography.Paragraph>
    </>
  );
}
