import { type ReactNode, useId } from 'react';
import './MeetingCard.css';

export interface MeetingDetail {
  label: string;
  value: string;
  /** Long values (a link) take a line of their own and may break anywhere. */
  wide?: boolean;
}

interface MeetingCardProps {
  title: string;
  when: string;
  /** Shown as a badge next to the time ("In progress"). */
  badge?: string;
  details: readonly MeetingDetail[];
  /** The buttons. */
  children: ReactNode;
}

/** One meeting in a list: its title and time, details as label and value, and its buttons. */
export function MeetingCard({ title, when, badge, details, children }: MeetingCardProps) {
  const titleId = useId();
  return (
    <li className="card meeting-card" aria-labelledby={titleId}>
      <div className="meeting-card-heading">
        <h3 id={titleId}>{title}</h3>
        <p className="muted small">
          {when}
          {badge !== undefined && <span className="meeting-badge">{badge}</span>}
        </p>
      </div>
      {details.length > 0 && (
        <dl className="meeting-details">
          {details.map((detail) => (
            <div key={detail.label} className={detail.wide ? 'meeting-detail wide' : 'meeting-detail'}>
              <dt>{detail.label}</dt>
              <dd>{detail.value}</dd>
            </div>
          ))}
        </dl>
      )}
      <div className="meeting-actions">{children}</div>
    </li>
  );
}
