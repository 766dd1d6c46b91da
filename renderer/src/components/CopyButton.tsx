import { CopyOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useI18n } from '../i18n';

/** The selection-based copy works where the Clipboard API's permission is refused (Electron's default). */
function copyBySelection(text: string): boolean {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return copyBySelection(text);
  }
}

export function CopyButton({ text }: { text: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const copy = async () => {
    if (await copyText(text)) message.success(t('common.copied'));
    else message.warning(t('common.copyFailed'));
  };
  return (
    <Button icon={<CopyOutlined />} onClick={copy}>
      {t('common.copy')}
    </Button>
  );
}
