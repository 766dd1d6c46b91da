import { Descriptions } from 'antd';
import type { DepartmentProfile } from '../../../electron/contract';
import { useI18n } from '../i18n';

/** The department profile, read-only. */
export function DepartmentDescriptions({ department, column = 2 }: { department: DepartmentProfile; column?: number }) {
  const { t } = useI18n();
  const or = (v: string) => v || t('common.none');
  return (
    <Descriptions
      column={column}
      bordered
      size="small"
      items={[
        { key: 'name', label: t('dept.name'), children: department.name, span: column },
        { key: 'uscc', label: t('dept.uscc'), children: <span className="mono">{department.uscc}</span> },
        { key: 'regionCode', label: t('dept.regionCode'), children: <span className="mono">{department.regionCode}</span> },
        { key: 'contactPerson', label: t('dept.contactPerson'), children: or(department.contactPerson) },
        { key: 'contactPhone', label: t('dept.contactPhone'), children: or(department.contactPhone) },
      ]}
    />
  );
}
