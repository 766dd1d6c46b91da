/**
 * A warning 60 s before the idle lock (issue 19): the seconds left, the drafts of open
 * forms written at once, and a button to keep working. The core keeps its own idle
 * clock (every session call restarts it, api/client.ts `lastCoreTouch`) and locks by itself.
 */
import { Button, Modal, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { call, lastCoreTouch } from '../api/client';
import { useI18n } from '../i18n';
import { flushDrafts } from '../lib/drafts';
import { useSession } from './SessionContext';

const WARN_MS = 60_000;

export function IdleCountdown() {
  const { t } = useI18n();
  const { idleLockMinutes } = useSession();
  const [left, setLeft] = useState<number | null>(null);
  const flushed = useRef(false);

  useEffect(() => {
    if (!idleLockMinutes) return undefined;
    const tick = () => {
      const remaining = lastCoreTouch() + idleLockMinutes * 60_000 - Date.now();
      if (remaining > WARN_MS || remaining <= 0) {
        setLeft(null);
        flushed.current = false;
        return;
      }
      if (!flushed.current) {
        flushed.current = true;
        void flushDrafts();
      }
      setLeft(Math.ceil(remaining / 1000));
    };
    tick();
    const timer = window.setInterval(tick, 1000);
    return () => window.clearInterval(timer);
  }, [idleLockMinutes]);

  return (
    <Modal
      open={left !== null}
      title={t('idle.countdownTitle')}
      closable={false}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={() => void call('session.get').then(() => setLeft(null), () => undefined)} data-testid="idle-keep-working">
          {t('idle.keepWorking')}
        </Button>
      }
      data-testid="idle-countdown"
    >
      <Typography.Paragraph style={{ marginTop: 12 }} data-testid="idle-countdown-text">
        {t('idle.countdown', { n: left ?? 0 })}
      </Typography.Paragraph>
    </Modal>
  );
}
