import { App as AntApp, Button, ConfigProvider, Result, Spin, Typography } from 'antd';
import enUSAntd from 'antd/locale/en_US';
import zhCNAntd from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect } from 'react';
import { I18nProvider, useI18n, type Locale } from './i18n';
import { AuthLayout } from './components/AuthLayout';
import { ReasonPrompt } from './components/ReasonPrompt';
import { LoginPage } from './pages/login/LoginPage';
import { MustChangePassword } from './pages/login/MustChangePassword';
import { SetupWizard } from './pages/setup/SetupWizard';
import { AppShell } from './pages/shell/AppShell';
import { useReducedMotion } from './lib/useReducedMotion';
import { keepClearButtonsOutOfTabOrder } from './lib/clearButtons';
import { SessionProvider, useSession } from './session/SessionContext';
import { HelpProvider } from './help/HelpContext';

const ANTD_LOCALES = { 'zh-CN': zhCNAntd, 'en-US': enUSAntd } satisfies Record<Locale, unknown>;
const DAYJS_LOCALES: Record<Locale, string> = { 'zh-CN': 'zh-cn', 'en-US': 'en' };

/** System CJK fonts first (Windows, 统信UOS/麒麟, macOS), then Noto/Source Han. */
const FONT_FAMILY = [
  '-apple-system',
  'BlinkMacSystemFont',
  '"Segoe UI"',
  '"Microsoft YaHei"',
  '"PingFang SC"',
  '"Hiragino Sans GB"',
  '"Noto Sans CJK SC"',
  '"Source Han Sans SC"',
  '"WenQuanYi Micro Hei"',
  '"Helvetica Neue"',
  'Arial',
  'sans-serif',
].join(', ');

function Screen() {
  const { t, errorText } = useI18n();
  const { gate, refresh } = useSession();
  switch (gate.kind) {
    case 'loading':
      return (
        <div className="center-screen">
          <Spin size="large" description={t('app.connecting')} />
        </div>
      );
    case 'failed':
      return (
        <Result
          status="error"
          title={t('app.startFailed')}
          subTitle={errorText(gate.error)}
          extra={<Button onClick={refresh}>{t('common.retry')}</Button>}
        />
      );
    case 'setup':
      return <SetupWizard />;
    case 'problem':
      // A database without its key file (or the reverse): say which, never offer setup over it.
      return (
        <AuthLayout width={640}>
          <Result
            status="warning"
            title={t('app.problemTitle')}
            subTitle={<span data-testid="files-problem">{gate.message}</span>}
            extra={
              <>
                <Typography.Paragraph type="secondary">{t('app.problemHint')}</Typography.Paragraph>
                <Button onClick={refresh}>{t('app.recheck')}</Button>
              </>
            }
          />
        </AuthLayout>
      );
    case 'login':
      return (
        <LoginPage
          key={`${gate.lockedLogin ?? ''}:${gate.reason?.code ?? ''}`}
          lockedLogin={gate.lockedLogin}
          reason={gate.reason}
        />
      );
    case 'ready':
      if (gate.user.mustChangePassword) return <MustChangePassword user={gate.user} />;
      return <AppShell key={gate.user.login} />;
  }
}

function Localized() {
  const { locale, t } = useI18n();
  const reducedMotion = useReducedMotion();
  useEffect(() => {
    document.documentElement.lang = locale;
    dayjs.locale(DAYJS_LOCALES[locale]);
    keepClearButtonsOutOfTabOrder(t('common.clear'));
  }, [locale, t]);
  return (
    <ConfigProvider
      locale={ANTD_LOCALES[locale]}
      theme={{ token: { fontFamily: FONT_FAMILY, motion: !reducedMotion } }}
      button={{ autoInsertSpace: false }}
    >
      <AntApp message={{ top: 72, maxCount: 3 }}>
        <SessionProvider>
          <ReasonPrompt />
          <HelpProvider>
            <Screen />
          </HelpProvider>
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <Localized />
    </I18nProvider>
  );
}
