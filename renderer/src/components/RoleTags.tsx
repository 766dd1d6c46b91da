import { Tag } from 'antd';
import type { Role } from '../../../electron/contract';
import { ROLES } from '../../../electron/contract';
import { useI18n } from '../i18n';

const COLORS: Record<Role, string> = {
  admin: 'red',
  clerk: 'blue',
  approver: 'purple',
  archivist: 'cyan',
  auditor: 'gold',
};

/** A person's roles, in the contract's order, by their Chinese names. */
export function RoleTags({ roles }: { roles: readonly Role[] }) {
  const { t } = useI18n();
  return (
    <>
      {ROLES.filter((r) => roles.includes(r)).map((r) => (
        <Tag key={r} color={COLORS[r]} variant="outlined" style={{ marginInlineEnd: 4 }}>
          {t(`role.${r}`)}
        </Tag>
      ))}
    </>
  );
}
