import { Checkbox } from 'antd';
import type { Role } from '../../../electron/contract';
import { ROLES } from '../../../electron/contract';
import { useI18n } from '../i18n';

/** Role choice for a form item (`value`/`onChange` come from Form.Item). */
export function RoleCheckboxes(props: { value?: Role[]; onChange?: (roles: Role[]) => void }) {
  const { t } = useI18n();
  return (
    <Checkbox.Group<Role>
      value={props.value}
      onChange={props.onChange}
      options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
    />
  );
}
