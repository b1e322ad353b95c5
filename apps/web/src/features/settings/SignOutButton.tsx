import { useState } from 'react';
import { useSession } from '../../app/session-context.ts';

/** Signs this browser out; the session then returns to the sign-in screen. */
export function SignOutButton() {
  const { signOut } = useSession();
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      className="button danger"
      disabled={pending}
      onClick={() => {
        setPending(true);
        void signOut();
      }}
    >
      {pending ? 'Signing out…' : 'Sign out'}
    </button>
  );
}
