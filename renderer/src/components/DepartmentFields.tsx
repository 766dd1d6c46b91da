import { Form, Input } from 'antd';
import { useI18n } from '../i18n';
import { departmentRules } from '../lib/rules';

/** The department profile's fields, for any Form whose values are a DepartmentProfile. */
export function DepartmentFields() {
  const { t } = useI18n();
  const rules = departmentRules(t);
  return (
    <>
      <Form.Item name="name" label={t('dept.name')} rules={rules.name}>
        <Input maxLength={100} autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="uscc"
        label={t('dept.uscc')}
        rules={rules.uscc}
        normalize={(v: string) => v.toUpperCase().replace(/\s/g, '')}
      >
        <Input maxLength={18} showCount autoComplete="off" style={{ fontFamily: 'var(--mono-font)' }} />
      </Form.Item>
      <Form.Item name="regionCode" label={t('dept.regionCode')} rules={rules.regionCode}>
        <Input maxLength={6} autoComplete="off" style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="contactPerson" label={t('dept.contactPerson')} rules={rules.contactPerson}>
        <Input maxLength={64} autoComplete="off" />
      </Form.Item>
      <Form.Item name="contactPhone" label={t('dept.contactPhone')} rules={rules.contactPhone}>
        <Input maxLength={32} autoComplete="off" />
      </Form.Item>
    </>
  );
}
