/**
 * A warning 60 s before the idle lock (issue 19; half the idle time when that is shorter): the seconds left, the drafts of open
 * forms written at once, and a button to keep working. The core keeps its own idle
 * clock (every session call restarts it, api/client.ts `lastCoreTouch`) and locks by itself.
 */
import { Button, Modal, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { call, lastCoreTouch } from '../api/client';
import { useI18n } from '../i18n';
import { flushDrafts } from '../lib/drafts';
import { useSession } from './SessionContext';

/** The warning's lead: 60 s, or half the idle time when that is shorter (a 1-minute lock warns for 30 s). */
const warnMs = (limitMs: number) => Math.min(60_000, limitMs / 2);

export function IdleCountdown() {
  const { t } = useI18n();
  const { idleLockMinutes } = useSession();
  const [left, setLeft] = useState<number | null>(null);
  const flushed = useRef(false);

  useEffect(() => {
    if (!idleLockMinutes) return undefined;
    const tick = () => {
      const limit = idleLockMinutes * 60_000;
      const remaining = lastCoreTouch() + limit - Date.now();
      if (remaining > warnMs(limit) || remaining <= 0) {
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
