import { Segmented } from 'antd';
import { LOCALES, useI18n, type Locale } from '../i18n';

export function LanguageSwitch({ size = 'small' }: { size?: 'small' | 'middle' }) {
  const { locale, setLocale, t } = useI18n();
  return (
    <Segmented<Locale>
      size={size}
      aria-label={t('lang.switch')}
      value={locale}
      onChange={setLocale}
      options={LOCALES.map((l) => ({ value: l, label: t(`lang.${l}`) }))}
    />
  );
}
