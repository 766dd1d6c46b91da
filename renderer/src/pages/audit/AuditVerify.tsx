import { SafetyOutlined } from '@ant-design/icons';
import { Alert, Button, Progress } from 'antd';
import { useState } from 'react';
import type { AuditVerifyResult } from '../../../../electron/contract';
import { call, newCallId } from '../../api/client';
import { useProgress } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';

/** Recomputes the audit chain in the core: a button for the title row and the outcome for below it. */
export function useAuditVerify() {
  const { t } = useI18n();
  const [callId, setCallId] = useState<string | null>(null);
  const [result, setResult] = useState<AuditVerifyResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const progress = useProgress(callId);

  const verify = async () => {
    const id = newCallId();
    setCallId(id);
    setResult(null);
    setError(null);
    try {
      setResult(await call('audit.verify', undefined, { callId: id }));
    } catch (err) {
      setError(err);
    } finally {
      setCallId(null);
    }
  };

  const button = (
    <Button icon={<SafetyOutlined />} onClick={verify} loading={callId !== null}>
      {callId ? t('audit.verifying') : t('audit.verify')}
    </Button>
  );

  const outcome = (
    <>
      {callId && progress?.total ? (
        <Progress percent={Math.round((progress.done / progress.total) * 100)} size="small" style={{ marginBottom: 16 }} />
      ) : null}
      {result && (
        <Alert
          type={result.ok ? 'success' : 'error'}
          showIcon
          role="status"
          data-testid="audit-verify-result"
          style={{ marginBottom: 16 }}
          title={
            result.ok || !result.firstBroken
              ? t('audit.verify.ok', { checked: result.checked })
              : t('audit.verify.broken', {
                  seq: result.firstBroken.seq,
                  reason: result.firstBroken.reason,
                  checked: result.checked,
                })
          }
        />
      )}
      <ErrorAlert error={error} />
    </>
  );

  return { button, outcome };
}
