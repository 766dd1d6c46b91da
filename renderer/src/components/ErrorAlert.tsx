import { Alert } from 'antd';
import type { CSSProperties } from 'react';
import type { ErrorCode } from '../../../electron/contract';
import { useI18n, type MessageKey } from '../i18n';

/** An error from a call, in the person's language; nothing when there is none. */
export function ErrorAlert({
  error,
  overrides,
  style,
}: {
  error: unknown;
  overrides?: Partial<Record<ErrorCode, MessageKey>>;
  style?: CSSProperties;
}) {
  const { errorText } = useI18n();
  if (!error) return null;
  return <Alert type="error" showIcon role="alert" title={errorText(error, overrides)} style={{ marginBottom: 16, ...style }} />;
}
