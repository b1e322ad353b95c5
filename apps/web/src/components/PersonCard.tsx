import type { PublicUser } from '@parley/protocol';
import type { ReactNode } from 'react';
import { Avatar } from './Avatar.tsx';

/** A person found by phone number: photo, name, number and about, with an action. */
export function PersonCard({ user, children }: { user: PublicUser; children?: ReactNode }) {
  const name = user.displayName ?? user.phone;
  return (
    <div className="person-card">
      <Avatar name={name} url={user.avatar?.small ?? null} size="medium" alt="" />
      <div className="person-card-text">
        <strong>{name}</strong>
        <span className="muted small">{user.phone}</span>
        {user.about !== '' && <span className="small">{user.about}</span>}
      </div>
      {children}
    </div>
  );
}
