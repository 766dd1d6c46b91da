import { KeyOutlined, LockOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { App, Button, Divider, Flex, Layout, Space, theme, Typography } from 'antd';
import { useState } from 'react';
import { ChangePasswordModal } from '../../components/ChangePasswordModal';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { RoleTags } from '../../components/RoleTags';
import { useI18n } from '../../i18n';
import { useSession, useUser } from '../../session/SessionContext';
import { useDepartment } from './DepartmentContext';

export function HeaderBar() {
  const { t, errorText } = useI18n();
  const { message } = App.useApp();
  const { token } = theme.useToken();
  const { lock, logout } = useSession();
  const user = useUser();
  const { department } = useDepartment();
  const [changing, setChanging] = useState(false);

  const run = (action: () => Promise<void>) => () => {
    action().catch((err: unknown) => message.error(errorText(err)));
  };

  return (
    <Layout.Header
      className="shell-header"
      style={{ background: token.colorBgContainer, borderBottom: `1px solid ${token.colorBorderSecondary}` }}
    >
      <Typography.Text strong ellipsis style={{ fontSize: 16, minWidth: 0 }} data-testid="department-name">
        {department?.name ?? ''}
      </Typography.Text>
      <Flex align="center" gap={4} wrap={false}>
        <Space size={6} data-testid="current-user">
          <UserOutlined />
          <Typography.Text>{user.name}</Typography.Text>
          <RoleTags roles={user.roles} />
        </Space>
        <Divider orientation="vertical" />
        <Button type="text" icon={<KeyOutlined />} onClick={() => setChanging(true)}>
          {t('header.changePassword')}
        </Button>
        <Button type="text" icon={<LockOutlined />} onClick={run(lock)}>
          {t('header.lock')}
        </Button>
        <Button type="text" icon={<LogoutOutlined />} onClick={run(logout)}>
          {t('header.logout')}
        </Button>
        <Divider orientation="vertical" />
        <LanguageSwitch />
      </Flex>
      <ChangePasswordModal open={changing} onClose={() => setChanging(false)} />
    </Layout.Header>
  );
}
