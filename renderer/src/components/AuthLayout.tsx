import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Card, Flex, Layout, theme, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n';
import { LanguageSwitch } from './LanguageSwitch';

/** The frame of the screens before the desk: setup, login, unlock, password reset. */
export function AuthLayout({ children, width = 440 }: { children: ReactNode; width?: number }) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  return (
    <Layout className="auth-layout">
      <Flex justify="space-between" align="center" className="auth-topbar no-print">
        <Flex align="center" gap={8}>
          <SafetyCertificateOutlined style={{ fontSize: 20, color: token.colorPrimary }} />
          <Typography.Text strong style={{ fontSize: 16 }}>
            {t('app.name')}
          </Typography.Text>
        </Flex>
        <LanguageSwitch />
      </Flex>
      <Flex justify="center" align="flex-start" className="auth-body">
        <Card style={{ width, maxWidth: '100%' }} className="no-print-border">
          {children}
        </Card>
      </Flex>
    </Layout>
  );
}
