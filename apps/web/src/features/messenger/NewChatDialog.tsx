import type { PublicUser } from '@parley/protocol';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { describeError } from '../../app/error-messages.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PersonCard } from '../../components/PersonCard.tsx';
import { PhoneLookupFields } from '../../components/PhoneLookupFields.tsx';
import { useMessenger } from './messenger-context.ts';
import { personName } from './people.ts';
import { usePhoneLookup } from './use-phone-lookup.ts';

/** "New chat": find a person by phone number, then open the direct chat with them. */
export function NewChatDialog({ onClose }: { onClose(): void }) {
  const messenger = useMessenger();
  const navigate = useNavigate();
  const lookup = usePhoneLookup();
  const [found, setFound] = useState<PublicUser | null>(null);
  const [opening, setOpening] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function open(user: PublicUser) {
    setOpening(true);
    setError(null);
    try {
      const chat = await messenger.chats.openDirect(user.id);
      onClose();
      navigate(`/chats/${chat.id}`);
    } catch (caught) {
      setError(describeError(caught));
      setOpening(false);
    }
  }

  return (
    <Dialog title="New chat" onClose={onClose}>
      <p className="muted">Find someone on Parley by their phone number.</p>
      <PhoneLookupFields
        {...lookup.fields}
        findLabel="Find"
        onFind={async () => {
          setFound(null);
          setFound(await lookup.find());
        }}
      />
      {found !== null && (
        <PersonCard user={found}>
          <button type="button" className="button primary" disabled={opening} onClick={() => open(found)}>
            {opening ? 'Opening…' : `Message ${personName(found)}`}
          </button>
        </PersonCard>
      )}
      <ErrorAlert message={error} />
    </Dialog>
  );
}
