import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import type { UserSummary } from '../../../../electron/contract';
import { useCall } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RoleTags } from '../../components/RoleTags';
import { useI18n } from '../../i18n';
import { formatDate, formatDateTime } from '../../lib/dates';
import { useUser } from '../../session/SessionContext';
import { AddUserModal } from './AddUserModal';
import { DisableUserModal } from './DisableUserModal';
import { EditRolesModal } from './EditRolesModal';
import { SetPasswordModal } from './SetPasswordModal';

export function UsersTab() {
  const { t } = useI18n();
  const me = useUser();
  const users = useCall('users.list');
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<UserSummary | null>(null);
  const [disabling, setDisabling] = useState<UserSummary | null>(null);
  const [enabling, setEnabling] = useState<UserSummary | null>(null);
  const [resetting, setResetting] = useState<UserSummary | null>(null);

  const columns: ColumnsType<UserSummary> = [
    {
      title: t('users.col.login'),
      dataIndex: 'login',
      width: 140,
      render: (login: string) => (
        <Space size={4}>
          <span className="mono">{login}</span>
          {login === me.login && <Tag>{t('users.you')}</Tag>}
        </Space>
      ),
    },
    { title: t('users.col.name'), dataIndex: 'name', width: 110 },
    { title: t('users.col.roles'), dataIndex: 'roles', render: (_: unknown, u) => <RoleTags roles={u.roles} /> },
    {
      title: t('users.col.status'),
      dataIndex: 'active',
      width: 170,
      render: (_: unknown, u) =>
        u.active ? (
          <Space size={4} wrap>
            <Tag color="success">{t('users.status.active')}</Tag>
            {u.mustChangePassword && (
              <Tooltip title={t('users.status.mustChange.help')}>
                <Tag color="warning">{t('users.status.mustChange')}</Tag>
              </Tooltip>
            )}
          </Space>
        ) : (
          <Flex vertical>
            <Typography.Text type="secondary">
              {u.disabledAt ? t('users.status.disabledAt', { date: formatDate(u.disabledAt) }) : t('users.status.disabled')}
            </Typography.Text>
            {u.disabledReason && (
              <Typography.Text type="secondary" ellipsis={{ tooltip: u.disabledReason }} style={{ maxWidth: 150, fontSize: 12 }}>
                {t('users.status.reason', { reason: u.disabledReason })}
              </Typography.Text>
            )}
          </Flex>
        ),
    },
    {
      title: t('users.col.lastLogin'),
      dataIndex: 'lastLoginAt',
      width: 140,
      render: (d: string | null) =>
        d ? <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(d).slice(0, 16)}</span> : <Typography.Text type="secondary">{t('users.lastLogin.never')}</Typography.Text>,
    },
    { title: t('users.col.createdAt'), dataIndex: 'createdAt', width: 110, render: (d: string) => formatDate(d) },
    {
      title: t('users.col.actions'),
      key: 'actions',
      width: 210,
      render: (_: unknown, u) =>
        u.active ? (
          <Space size={0} wrap>
            <Button type="link" size="small" onClick={() => setEditing(u)}>
              {t('users.editRoles')}
            </Button>
            {u.login !== me.login && (
              <Button type="link" size="small" onClick={() => setResetting(u)}>
                {t('users.reset')}
              </Button>
            )}
            {u.login !== me.login && (
              <Button type="link" size="small" danger onClick={() => setDisabling(u)}>
                {t('users.disable')}
              </Button>
            )}
          </Space>
        ) : (
          <Button type="link" size="small" onClick={() => setEnabling(u)}>
            {t('users.enable')}
          </Button>
        ),
    },
  ];

  return (
    <>
      <Flex justify="flex-end" style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
          {t('users.add')}
        </Button>
      </Flex>
      <ErrorAlert error={users.error} />
      <Table<UserSummary>
        rowKey="login"
        size="middle"
        columns={columns}
        dataSource={users.data ?? []}
        loading={users.loading}
        pagination={false}
        data-testid="users-table"
      />
      <AddUserModal open={adding} onClose={() => setAdding(false)} onAdded={users.reload} />
      <EditRolesModal user={editing} onClose={() => setEditing(null)} onSaved={users.reload} />
      <DisableUserModal user={disabling} onClose={() => setDisabling(null)} onDone={users.reload} />
      <SetPasswordModal user={enabling} mode="enable" onClose={() => setEnabling(null)} onDone={users.reload} />
      <SetPasswordModal user={resetting} mode="reset" onClose={() => setResetting(null)} onDone={users.reload} />
    </>
  );
}
