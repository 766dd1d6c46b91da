import { InfoCircleOutlined, KeyOutlined, LockOutlined, LogoutOutlined, QuestionCircleOutlined, UserOutlined } from '@ant-design/icons';
import { App, Button, Divider, Flex, Grid, Layout, theme, Tooltip, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { ChangePasswordModal } from '../../components/ChangePasswordModal';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { RoleTags } from '../../components/RoleTags';
import { useHelp } from '../../help/HelpContext';
import { useI18n } from '../../i18n';
import { useSession, useUser } from '../../session/SessionContext';
import { useDepartment } from './DepartmentContext';

/** A header action: icon and label, or the icon alone (label as tooltip) in a narrow window. */
function HeaderAction({ icon, label, compact, onClick }: { icon: ReactNode; label: string; compact: boolean; onClick: () => void }) {
  const button = (
    <Button type="text" icon={icon} aria-label={label} onClick={onClick}>
      {compact ? null : label}
    </Button>
  );
  return compact ? <Tooltip title={label}>{button}</Tooltip> : button;
}

export function HeaderBar() {
  const { t, errorText } = useI18n();
  const { message } = App.useApp();
  const { token } = theme.useToken();
  const screens = Grid.useBreakpoint();
  const compact = !screens.xl;
  const { lock, logout } = useSession();
  const user = useUser();
  const { department } = useDepartment();
  const help = useHelp();
  const [changing, setChanging] = useState(false);

  const run = (action: () => Promise<void>) => () => {
    action().catch((err: unknown) => message.error(errorText(err)));
  };

  return (
    <Layout.Header
      className="shell-header"
      style={{ background: token.colorBgContainer, borderBottom: `1px solid ${token.colorBorderSecondary}` }}
    >
      <Typography.Text
        strong
        ellipsis={{ tooltip: department?.name }}
        style={{ fontSize: 16, minWidth: 0, flex: '1 1 auto' }}
        data-testid="department-name"
      >
        {department?.name ?? ''}
      </Typography.Text>
      <Flex align="center" gap={4} wrap={false} style={{ flex: 'none' }}>
        <Flex align="center" gap={6} data-testid="current-user" className="header-user">
          <UserOutlined />
          <Typography.Text>{user.name}</Typography.Text>
          <RoleTags roles={user.roles} />
        </Flex>
        <Divider orientation="vertical" />
        <HeaderAction
          icon={<KeyOutlined />}
          label={t('header.changePassword')}
          compact={compact}
          onClick={() => setChanging(true)}
        />
        <HeaderAction icon={<LockOutlined />} label={t('header.lock')} compact={compact} onClick={run(lock)} />
        <HeaderAction
          icon={<LogoutOutlined />}
          label={t('header.logout')}
          compact={compact}
          onClick={run(async () => {
            await logout();
            message.destroy(); // the next person should not see this person's notices
          })}
        />
        <Divider orientation="vertical" />
        <HeaderAction icon={<QuestionCircleOutlined />} label={t('help.pageHelp')} compact={compact} onClick={help.openPageHelp} />
        <Tooltip title={t('about.title')}>
          <Button type="text" icon={<InfoCircleOutlined />} aria-label={t('about.title')} onClick={help.openAbout} data-testid="open-about" />
        </Tooltip>
        <LanguageSwitch />
      </Flex>
      <ChangePasswordModal open={changing} onClose={() => setChanging(false)} login={user.login} />
    </Layout.Header>
  );
}
