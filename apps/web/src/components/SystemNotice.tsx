/** A group change in the timeline ("Ann added Cal"), centred between the bubbles. */
export function SystemNotice({ text, id }: { text: string; id: string }) {
  return (
    <li className="system-notice" data-message-id={id}>
      <span>{text}</span>
    </li>
  );
}

/** "Today", "Yesterday", "Sunday, March 3" between days. */
export function DaySeparator({ label }: { label: string }) {
  return (
    <li className="day-separator">
      <span>{label}</span>
    </li>
  );
}
