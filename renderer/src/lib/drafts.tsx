/**
 * Nothing typed is lost (issue 19). An open form keeps a draft in the encrypted
 * database as the person types (drafts.save, a moment after the last change); when
 * the form opens again — after a lock, a crash, a closed window — the draft comes
 * back with a notice. Before the window locks (the 锁定 button, the idle countdown)
 * every open form's draft is written at once, and leaving a changed form asks first.
 */
import { DeleteOutlined, HistoryOutlined } from '@ant-design/icons';
import { Alert, App, Button } from 'antd';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { call } from '../api/client';
import { useI18n } from '../i18n';
import { formatDateTime } from './dates';

const SAVE_DELAY_MS = 600;

interface OpenForm {
  dirty(): boolean;
  flush(): Promise<void>;
}

const openForms = new Set<OpenForm>();

/** Writes every open form's pending draft now (before a lock or a logout). */
export async function flushDrafts(): Promise<void> {
  await Promise.all([...openForms].map((f) => f.flush().catch(() => undefined)));
}

function changedForms(): OpenForm[] {
  return [...openForms].filter((f) => f.dirty());
}

/** What a draft stores besides the form's own values: where the form is. */
interface Envelope<T> {
  route: string;
  form: T;
}

export interface FormDraft {
  /** The draft that was restored when the form opened (its last save), until saved or discarded. */
  restored: { updatedAt: string } | null;
  /** The first look for a draft has finished. */
  ready: boolean;
  /** Call after every change the person makes. */
  changed(): void;
  /** The form was saved: the draft goes, and leaving no longer asks. */
  saved(): Promise<void>;
  /** The person throws the typing away. */
  discard(): Promise<void>;
}

/**
 * Keeps a form's draft. `read` gives what to keep, `restore` puts a kept draft back;
 * `enabled: false` (a form the person may not use) keeps nothing.
 */
export function useFormDraft<T>(options: { form: string; title: string; read: () => T; restore: (data: T) => void; enabled?: boolean }): FormDraft {
  const latest = useRef(options);
  // The newest read/restore/title, for the timers and the first load (after each render).
  useLayoutEffect(() => {
    latest.current = options;
  });
  const { form, enabled = true } = options;
  const [restored, setRestored] = useState<{ updatedAt: string } | null>(null);
  const [ready, setReady] = useState(false);
  const dirty = useRef(false);
  const timer = useRef<number | null>(null);

  /** Writes the draft if a change waits to be written (a flush with nothing new calls nothing: no call restarts the idle clock). */
  const write = useCallback(async () => {
    if (timer.current === null) return;
    window.clearTimeout(timer.current);
    timer.current = null;
    if (!dirty.current) return;
    const o = latest.current;
    const data: Envelope<T> = { route: window.location.hash, form: o.read() };
    await call('drafts.save', { form: o.form, title: o.title, data });
  }, []);

  useEffect(() => {
    if (!enabled) {
      setReady(true);
      return undefined;
    }
    let live = true;
    call('drafts.get', { form }).then(
      (d) => {
        if (!live) return;
        const data = d?.data as Envelope<T> | undefined;
        if (d && data && typeof data === 'object' && 'form' in data) {
          latest.current.restore(data.form);
          dirty.current = true; // restored typing is still unsaved
          setRestored({ updatedAt: d.updatedAt });
        }
        setReady(true);
      },
      () => live && setReady(true),
    );
    const entry: OpenForm = { dirty: () => dirty.current, flush: write };
    openForms.add(entry);
    return () => {
      live = false;
      openForms.delete(entry);
      // Leaving the form (or the window locking): what is pending is written now.
      if (timer.current !== null) void write().catch(() => undefined);
    };
  }, [form, enabled, write]);

  const changed = useCallback(() => {
    if (!enabled) return;
    dirty.current = true;
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      void write().catch(() => undefined);
    }, SAVE_DELAY_MS);
  }, [enabled, write]);

  const forget = useCallback(async () => {
    dirty.current = false;
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
    setRestored(null);
    if (enabled) await call('drafts.discard', { form: latest.current.form }).catch(() => undefined);
  }, [enabled]);

  return { restored, ready, changed, saved: forget, discard: forget };
}

/** The notice above a form whose draft came back, with the way to throw it away. */
export function DraftNotice({ draft, onDiscarded }: { draft: FormDraft; onDiscarded: () => void }) {
  const { t } = useI18n();
  if (!draft.restored) return null;
  return (
    <Alert
      type="info"
      showIcon
      icon={<HistoryOutlined />}
      style={{ marginBottom: 16 }}
      data-testid="draft-restored"
      title={t('drafts.restored', { at: formatDateTime(draft.restored.updatedAt) })}
      description={t('drafts.restoredHelp')}
      action={
        <Button
          size="small"
          icon={<DeleteOutlined />}
          onClick={() => {
            void draft.discard().then(onDiscarded);
          }}
          data-testid="draft-discard"
        >
          {t('drafts.discard')}
        </Button>
      }
    />
  );
}

// --- leaving a changed form asks first -------------------------------------------------

type Ask = (leave: () => void) => void;
let ask: Ask | null = null;
let passing = false;
let here = typeof window === 'undefined' ? '' : window.location.href;

// Registered when this module loads, before any page subscribes to the address: a
// change of page while a form has unsaved typing is held back until the person says so.
if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', (event) => {
    const target = window.location.href;
    if (passing || !ask || changedForms().length === 0) {
      passing = false;
      here = target;
      return;
    }
    event.stopImmediatePropagation();
    window.history.replaceState(window.history.state, '', here);
    ask(() => {
      void flushDrafts();
      passing = true;
      window.location.href = target;
    });
  });
}

/** Mounted once in the desk: the question asked before leaving a changed form. */
export function LeaveGuard() {
  const { t } = useI18n();
  const { modal } = App.useApp();
  useEffect(() => {
    here = window.location.href;
    ask = (leave) => {
      void modal.confirm({
        title: t('drafts.leaveTitle'),
        content: t('drafts.leaveText'),
        okText: t('drafts.leave'),
        cancelText: t('drafts.stay'),
        onOk: leave,
      });
    };
    return () => {
      ask = null;
    };
  }, [modal, t]);
  return null;
}
