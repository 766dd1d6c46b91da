import { useState } from 'react';
import type { ApiError } from '../../api/client';
import { AuthLayout } from '../../components/AuthLayout';
import { LoginForm } from './LoginForm';
import { ResetPasswordForm } from './ResetPasswordForm';

/** Login, unlock after a lock (login pre-filled) and the recovery-code reset. */
export function LoginPage({ lockedLogin, reason }: { lockedLogin: string | null; reason: ApiError | null }) {
  const [mode, setMode] = useState<'login' | 'reset'>('login');
  return (
    <AuthLayout width={mode === 'reset' ? 480 : 400}>
      {mode === 'login' ? (
        <LoginForm lockedLogin={lockedLogin} reason={reason} onForgot={() => setMode('reset')} />
      ) : (
        <ResetPasswordForm onBack={() => setMode('login')} />
      )}
    </AuthLayout>
  );
}
