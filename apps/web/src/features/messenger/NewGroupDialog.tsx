import { chatLimits, type PublicUser } from '@parley/protocol';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { describeError } from '../../app/error-messages.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Form, SubmitButton } from '../../components/Form.tsx';
import { PersonCard } from '../../components/PersonCard.tsx';
import { PhoneLookupFields } from '../../components/PhoneLookupFields.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useMessenger } from './messenger-context.ts';
import { personName } from './people.ts';
import { usePhoneLookup } from './use-phone-lookup.ts';

/** "New group": a name and people added by phone number, then the group is created. */
export function NewGroupDialog({ onClose }: { onClose(): void }) {
  const messenger = useMessenger();
  const navigate = useNavigate();
  const lookup = usePhoneLookup();
  const [title, setTitle] = useState('');
  const [members, setMembers] = useState<PublicUser[]>([]);
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function add() {
    const user = await lookup.find();
    if (user === null) return;
    if (members.some((member) => member.id === user.id)) {
      lookup.setError(`${personName(user)} is already in the list.`);
      return;
    }
    setMembers((list) => [...list, user]);
    lookup.reset();
  }

  async function create() {
    const name = title.trim();
    if (name === '') return setError('Give the group a name.');
    setCreating(true);
    setError(null);
    try {
      const chat = await messenger.chats.createGroup({ title: name, memberIds: members.map((m) => m.id) });
      onClose();
      navigate(`/chats/${chat.id}`);
    } catch (caught) {
      setError(describeError(caught));
      setCreating(false);
    }
  }

  return (
    <Dialog title="New group" onClose={onClose}>
      <Form onSubmit={create}>
        <TextField
          label="Group name"
          value={title}
          onChange={setTitle}
          maxLength={chatLimits.titleMax}
          required
          autoComplete="off"
        />
        <fieldset className="stack plain-fieldset">
          <legend>Members</legend>
          {members.length === 0 ? (
            <p className="muted small">Add people by their phone number. You can add more later.</p>
          ) : (
            <ul className="member-chips" aria-label="People to add">
              {members.map((member) => (
                <li key={member.id}>
                  <PersonCard user={member}>
                    <button
                      type="button"
                      className="button secondary small"
                      aria-label={`Remove ${personName(member)}`}
                      onClick={() => setMembers((list) => list.filter((m) => m.id !== member.id))}
                    >
                      Remove
                    </button>
                  </PersonCard>
                </li>
              ))}
            </ul>
          )}
          <PhoneLookupFields {...lookup.fields} findLabel="Add person" onFind={add} />
        </fieldset>
        <ErrorAlert message={error} />
        <SubmitButton pending={creating} pendingLabel="Creating…">
          Create group
        </SubmitButton>
      </Form>
    </Dialog>
  );
}
