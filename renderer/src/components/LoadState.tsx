import { Button, Result, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n';

/** Loading skeleton, or the error with a retry button, or the content once data is there. */
export function LoadState<T>({
  data,
  error,
  loading,
  reload,
  children,
}: {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  children: (data: T) => ReactNode;
}) {
  const { t, errorText } = useI18n();
  if (error) {
    return (
      <Result
        status="warning"
        title={t('common.loadFailed')}
        subTitle={errorText(error)}
        extra={<Button onClick={reload}>{t('common.retry')}</Button>}
      />
    );
  }
  if (data === undefined) return <Skeleton active={loading} />;
  return <>{children(data)}</>;
}
