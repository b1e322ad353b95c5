import type { PublicUser } from '@parley/protocol';
import { Avatar } from '../../components/Avatar.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { personName } from './people.ts';

/** "Contact info" of the other person in a direct chat. */
export function ContactInfoDialog({
  user,
  presence,
  onClose,
}: {
  user: PublicUser;
  presence: string | null;
  onClose(): void;
}) {
  const name = personName(user);
  return (
    <Dialog title="Contact info" onClose={onClose}>
      <div className="group-profile">
        <Avatar name={name} url={user.avatar?.large ?? null} size="large" alt={`${name}’s photo`} />
        <h3>{name}</h3>
        <p className="muted">{user.phone}</p>
        {presence !== null && <p className="muted small">{presence}</p>}
        {user.about !== '' && <p>{user.about}</p>}
      </div>
    </Dialog>
  );
}
