import { SafetyOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, InputNumber, Popover, Progress, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { AuditAnchor, AuditVerifyResult } from '../../../../electron/contract';
import { call, newCallId } from '../../api/client';
import { useProgress } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n, type MessageKey } from '../../i18n';

const RESULT: Record<AuditVerifyResult['anchors'][number]['result'], { color: string; label: MessageKey }> = {
  match: { color: 'success', label: 'audit.anchor.match' },
  mismatch: { color: 'error', label: 'audit.anchor.mismatch' },
  'beyond-end': { color: 'error', label: 'audit.anchor.beyondEnd' },
  'bad-signature': { color: 'error', label: 'audit.anchor.badSignature' },
};

/** An anchor printed on a batch approval sheet: its sequence number and hash, typed in. */
function PrintedAnchor({ onVerify }: { onVerify: (anchor: AuditAnchor) => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const content = (
    <Form<{ seq: number; hash: string }>
      layout="vertical"
      name="printed-anchor"
      style={{ width: 360 }}
      onFinish={({ seq, hash }) => {
        setOpen(false);
        onVerify({ source: t('audit.anchor.printed'), seq, hash: hash.trim().toLowerCase() });
      }}
    >
      <Form.Item name="seq" label={t('audit.anchor.seq')} rules={[{ required: true, message: t('audit.anchor.seqRequired') }]}>
        <InputNumber min={0} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="hash" label={t('audit.anchor.hash')} rules={[{ required: true, pattern: /^\s*[0-9a-fA-F]{64}\s*$/, message: t('audit.anchor.hashInvalid') }]}>
        <Input className="mono" maxLength={70} />
      </Form.Item>
      <Button type="primary" htmlType="submit" block>
        {t('audit.anchor.check')}
      </Button>
    </Form>
  );
  return (
    <Popover open={open} onOpenChange={setOpen} trigger="click" content={content} title={t('audit.anchor.printedTitle')}>
      <Button>{t('audit.anchor.printedButton')}</Button>
    </Popover>
  );
}

/** Recomputes the audit chain in the core and checks its anchors: buttons for the title row and the outcome for below it. */
export function useAuditVerify() {
  const { t } = useI18n();
  const [callId, setCallId] = useState<string | null>(null);
  const [result, setResult] = useState<AuditVerifyResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const progress = useProgress(callId);

  const verify = async (anchors: AuditAnchor[] = []) => {
    const id = newCallId();
    setCallId(id);
    setResult(null);
    setError(null);
    try {
      setResult(await call('audit.verify', { anchors }, { callId: id }));
    } catch (err) {
      setError(err);
    } finally {
      setCallId(null);
    }
  };

  const button = (
    <Space>
      <Button icon={<SafetyOutlined />} onClick={() => void verify()} loading={callId !== null}>
        {callId ? t('audit.verifying') : t('audit.verify')}
      </Button>
      <PrintedAnchor onVerify={(a) => void verify([a])} />
    </Space>
  );

  const badAnchor = result?.anchors.find((a) => a.result !== 'match');
  const outcome = (
    <>
      {callId && progress?.total ? <Progress percent={Math.round((progress.done / progress.total) * 100)} size="small" style={{ marginBottom: 16 }} /> : null}
      {result && (
        <Alert
          type={result.ok ? 'success' : 'error'}
          showIcon
          role="status"
          data-testid="audit-verify-result"
          style={{ marginBottom: 16 }}
          title={
            result.ok
              ? t('audit.verify.ok', { checked: result.checked })
              : result.firstBroken
                ? t('audit.verify.broken', { seq: result.firstBroken.seq, reason: result.firstBroken.reason, checked: result.checked })
                : t('audit.verify.anchorFailed', { message: badAnchor?.message ?? '' })
          }
          description={
            result.anchors.length ? (
              <Space orientation="vertical" size={2}>
                {result.anchors.map((a) => (
                  <Typography.Text key={`${a.source}-${a.seq}`}>
                    <Tag color={RESULT[a.result].color}>{t(RESULT[a.result].label)}</Tag>
                    {t('audit.anchor.line', { source: a.source, seq: a.seq })}
                  </Typography.Text>
                ))}
              </Space>
            ) : (
              t('audit.anchor.none')
            )
          }
        />
      )}
      <ErrorAlert error={error} />
    </>
  );

  return { button, outcome };
}
