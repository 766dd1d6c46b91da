import { Button, Flex, Form } from 'antd';
import type { DepartmentProfile } from '../../../../electron/contract';
import { DepartmentFields } from '../../components/DepartmentFields';
import { useI18n } from '../../i18n';

const EMPTY: DepartmentProfile = { name: '', uscc: '', regionCode: '130111', contactPerson: '', contactPhone: '', shortName: '', reconsiderationBody: '', court: '', docNoPatterns: {} };

export function DepartmentStep({
  initial,
  onNext,
}: {
  initial: DepartmentProfile | null;
  onNext: (department: DepartmentProfile) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<DepartmentProfile>();
  return (
    <Form<DepartmentProfile>
      form={form}
      layout="vertical"
      name="setup-department"
      initialValues={initial ?? EMPTY}
      onFinish={(values) => onNext({ ...EMPTY, ...values })}
      requiredMark
    >
      <DepartmentFields />
      <Flex justify="flex-end">
        <Button type="primary" htmlType="submit">
          {t('common.next')}
        </Button>
      </Flex>
    </Form>
  );
}
