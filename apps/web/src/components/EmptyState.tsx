import type { ReactNode } from 'react';
import './EmptyState.css';

/** A friendly placeholder for a list with nothing in it yet. */
export function EmptyState({
  icon,
  title,
  children,
}: {
  icon: ReactNode;
  title: string;
  children: ReactNode;
}) {
  return (
    <div className="empty-state">
      <div className="empty-state-icon">{icon}</div>
      <h2>{title}</h2>
      <p className="muted">{children}</p>
    </div>
  );
}
