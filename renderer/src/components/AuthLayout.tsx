import { QuestionCircleOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Layout, theme, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useHelp } from '../help/HelpContext';
import { useI18n } from '../i18n';
import { LanguageSwitch } from './LanguageSwitch';

/** The frame of the screens before the desk: setup, login, unlock, password reset. */
export function AuthLayout({ children, width = 440 }: { children: ReactNode; width?: number }) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const help = useHelp();
  return (
    <Layout className="auth-layout">
      <Flex justify="space-between" align="center" className="auth-topbar no-print">
        <Flex align="center" gap={8}>
          <SafetyCertificateOutlined style={{ fontSize: 20, color: token.colorPrimary }} />
          <Typography.Text strong style={{ fontSize: 16 }}>
            {t('app.name')}
          </Typography.Text>
        </Flex>
        <Flex align="center" gap={4}>
          <Button type="text" icon={<QuestionCircleOutlined />} onClick={help.openPageHelp}>
            {t('help.pageHelp')}
          </Button>
          <Button type="text" onClick={help.openAbout}>
            {t('about.short')}
          </Button>
          <LanguageSwitch />
        </Flex>
      </Flex>
      <Flex justify="center" align="flex-start" className="auth-body">
        <Card style={{ width, maxWidth: '100%' }} className="no-print-border">
          {children}
        </Card>
      </Flex>
    </Layout>
  );
}
