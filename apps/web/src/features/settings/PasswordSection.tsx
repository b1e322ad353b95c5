import { useState } from 'react';
import { describeError } from '../../app/error-messages.ts';
import { limits } from '../../app/limits.ts';
import { useSignedInSession } from '../../app/session-context.ts';
import { PasswordForm } from '../../components/PasswordForm.tsx';

const passwordMessages = { INVALID_CREDENTIALS: 'Your current password is not right.' } as const;

/** Sets a first password, or changes it after confirming the current one. */
export function PasswordSection() {
  const { api, me, setMe } = useSignedInSession();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function save() {
    setNotice(null);
    if (me.hasPassword && currentPassword === '') return setError('Enter your current password.');
    if (newPassword.length < limits.passwordMin) {
      return setError(`Use at least ${limits.passwordMin} characters for your new password.`);
    }
    setPending(true);
    setError(null);
    try {
      await api.setPassword({ password: newPassword, ...(me.hasPassword && { currentPassword }) });
      setNotice(me.hasPassword ? 'Password changed.' : 'Password set.');
      setCurrentPassword('');
      setNewPassword('');
      setMe({ ...me, hasPassword: true });
    } catch (caught) {
      setError(describeError(caught, passwordMessages));
    } finally {
      setPending(false);
    }
  }

  return (
    <PasswordForm
      hasPassword={me.hasPassword}
      currentPassword={currentPassword}
      onCurrentPasswordChange={setCurrentPassword}
      newPassword={newPassword}
      onNewPasswordChange={setNewPassword}
      minLength={limits.passwordMin}
      maxLength={limits.passwordMax}
      onSubmit={save}
      pending={pending}
      error={error}
      notice={notice}
    />
  );
}
