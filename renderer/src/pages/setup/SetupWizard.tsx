import { Steps, Typography } from 'antd';
import { useState } from 'react';
import type { DepartmentProfile, SessionUser } from '../../../../electron/contract';
import { AuthLayout } from '../../components/AuthLayout';
import { useI18n } from '../../i18n';
import { useSession } from '../../session/SessionContext';
import { AdminStep } from './AdminStep';
import { DepartmentStep } from './DepartmentStep';
import { RecoveryStep } from './RecoveryStep';

export interface SetupDone {
  recoveryCode: string;
  user: SessionUser;
  department: DepartmentProfile;
}

/** First run: department profile → administrator → recovery code, then the desk. */
export function SetupWizard() {
  const { t } = useI18n();
  const { enter } = useSession();
  const [step, setStep] = useState(0);
  const [department, setDepartment] = useState<DepartmentProfile | null>(null);
  const [done, setDone] = useState<SetupDone | null>(null);

  return (
    <AuthLayout width={620}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('setup.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('setup.intro')}</Typography.Paragraph>
      <Steps
        current={step}
        size="small"
        style={{ margin: '24px 0 32px' }}
        items={[{ title: t('setup.step.department') }, { title: t('setup.step.admin') }, { title: t('setup.step.recovery') }]}
      />
      {step === 0 && (
        <DepartmentStep
          initial={department}
          onNext={(d) => {
            setDepartment(d);
            setStep(1);
          }}
        />
      )}
      {step === 1 && department && (
        <AdminStep
          department={department}
          onBack={() => setStep(0)}
          onCreated={(result) => {
            setDone({ ...result, department });
            setStep(2);
          }}
        />
      )}
      {step === 2 && done && <RecoveryStep done={done} onContinue={() => enter(done.user)} />}
    </AuthLayout>
  );
}
