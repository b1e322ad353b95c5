import { useState } from 'react';
import { describeError } from '../../app/error-messages.ts';
import { limits } from '../../app/limits.ts';
import { useSignedInSession } from '../../app/session-context.ts';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { AuthLayout } from '../../components/AuthLayout.tsx';
import { DisplayNameForm } from '../../components/DisplayNameForm.tsx';

/** The last sign-up step: a new account chooses the name others see. */
export function NameStep() {
  const { api, me, completeOnboarding } = useSignedInSession();
  const [name, setName] = useState(me.displayName ?? '');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useDocumentTitle('Your name');

  async function save() {
    const displayName = name.trim();
    if (displayName === '') return setError('Enter your name.');
    setPending(true);
    setError(null);
    try {
      completeOnboarding(await api.updateMe({ displayName }));
    } catch (caught) {
      setError(describeError(caught));
      setPending(false);
    }
  }

  return (
    <AuthLayout>
      <DisplayNameForm
        name={name}
        onNameChange={setName}
        maxLength={limits.displayName}
        onSubmit={save}
        pending={pending}
        error={error}
      />
    </AuthLayout>
  );
}
