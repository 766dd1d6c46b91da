import { CopyOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useI18n } from '../i18n';

export function CopyButton({ text }: { text: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      message.success(t('common.copied'));
    } catch {
      message.warning(t('common.copyFailed'));
    }
  };
  return (
    <Button icon={<CopyOutlined />} onClick={copy}>
      {t('common.copy')}
    </Button>
  );
}
