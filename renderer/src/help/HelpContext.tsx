/**
 * Help, 关于 and the application menu's commands, for every screen (also before
 * login): `useHelp().openPageHelp()` opens the manual at the section for the page
 * shown (本页帮助, F1); the desktop host's menu arrives as `menu` events.
 */
import { App } from 'antd';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { CoreEvent } from '../../../electron/contract';
import { useCoreEvent } from '../api/hooks';
import { PrintPreview, type PrintJob } from '../components/print/PrintPreview';
import { useI18n } from '../i18n';
import { navigate, parseHash } from '../lib/hashRoute';
import { useSession } from '../session/SessionContext';
import { AboutModal } from './AboutModal';
import { HelpDrawer } from './HelpDrawer';
import { AUTH_HELP, helpSectionFor } from './pages';

interface HelpValue {
  /** Opens the manual at a section (its id), or where it was last. */
  openHelp(section?: string): void;
  /** Opens the manual at the section for the page shown (本页帮助). */
  openPageHelp(): void;
  openAbout(): void;
}

const HelpContext = createContext<HelpValue | null>(null);

export function HelpProvider({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { gate, user, lock, may } = useSession();
  const [open, setOpen] = useState(false);
  const [section, setSection] = useState<string | null>(null);
  const [about, setAbout] = useState(false);
  const [printing, setPrinting] = useState<PrintJob | null>(null);
  const loggedIn = gate.kind === 'ready' && user !== null && !user.mustChangePassword;

  const pageSection = useCallback((): string => {
    if (gate.kind === 'setup') return AUTH_HELP.setup;
    if (!loggedIn || !user) return AUTH_HELP.login;
    return helpSectionFor(parseHash(window.location.hash), user.roles);
  }, [gate.kind, loggedIn, user]);

  const value = useMemo<HelpValue>(
    () => ({
      openHelp: (id) => {
        if (id) setSection(id);
        setOpen(true);
      },
      openPageHelp: () => {
        setSection(pageSection());
        setOpen(true);
      },
      openAbout: () => setAbout(true),
    }),
    [pageSection],
  );

  const printManual = useCallback(() => {
    if (!loggedIn) {
      message.info(t('help.print.loginFirst'));
      return;
    }
    setOpen(false);
    setPrinting({ method: 'print.manual', input: {} });
  }, [loggedIn, message, t]);

  // F1 anywhere: the section for this page (in the desktop program the menu's F1 does the same).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'F1') return;
      e.preventDefault();
      value.openPageHelp();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [value]);

  // The application menu (electron/host/menu.ts).
  const latest = useRef({ value, printManual, loggedIn, lock, may });
  useEffect(() => {
    latest.current = { value, printManual, loggedIn, lock, may };
  });
  const onMenu = useCallback(
    (event: CoreEvent) => {
      if (event.type === 'data-folder') {
        message.error({ content: `${event.title}：${event.message}`, duration: 0 });
        return;
      }
      if (event.type !== 'menu') return;
      const now = latest.current;
      switch (event.command) {
        case 'page-help':
          return now.value.openPageHelp();
        case 'manual':
          return now.value.openHelp('setup');
        case 'shortcuts':
          return now.value.openHelp('setup-shortcuts');
        case 'about':
          return now.value.openAbout();
        case 'print-manual':
          return now.printManual();
        case 'lock':
          if (now.loggedIn) void now.lock();
          return;
        case 'find':
          // The page's own search shortcut (lib/shortcuts.ts) takes it from here.
          window.dispatchEvent(new KeyboardEvent('keydown', { key: 'f', ctrlKey: true, bubbles: true }));
          return;
        case 'diagnostics':
          if (now.loggedIn && now.may('diagnostics.report')) navigate('settings', 'diagnostics');
          else message.info(t('help.diagnostics.adminOnly'));
          return;
      }
    },
    [message, t],
  );
  useCoreEvent(onMenu);

  return (
    <HelpContext.Provider value={value}>
      {children}
      <HelpDrawer open={open} section={section} onSection={setSection} onClose={() => setOpen(false)} onPrint={loggedIn ? printManual : undefined} />
      <AboutModal open={about} onClose={() => setAbout(false)} />
      <PrintPreview request={printing} title={t('help.printTitle')} onClose={() => setPrinting(null)} />
    </HelpContext.Provider>
  );
}

export function useHelp(): HelpValue {
  const value = useContext(HelpContext);
  if (!value) throw new Error('useHelp outside HelpProvider');
  return value;
}
