import { type ReactNode, useEffect, useId, useRef } from 'react';
import { CloseIcon } from '../../../components/icons.tsx';
import './MeetingPanels.css';

interface SidePanelProps {
  title: string;
  onClose(): void;
  children: ReactNode;
}

/**
 * Participants or chat beside the videos (a full-screen sheet on phones). Not modal: the
 * meeting goes on next to it. Escape or "Close" closes it, and focus returns where it was.
 */
export function SidePanel({ title, onClose, children }: SidePanelProps) {
  const titleId = useId();
  const panel = useRef<HTMLElement>(null);

  useEffect(() => {
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const first = panel.current?.querySelector<HTMLElement>('[data-autofocus]') ?? panel.current;
    first?.focus({ preventScroll: true });
    return () => {
      if (returnTo?.isConnected) returnTo.focus({ preventScroll: true });
    };
  }, []);

  return (
    <aside
      ref={panel}
      className="side-panel"
      aria-labelledby={titleId}
      tabIndex={-1}
      onKeyDown={(event) => {
        // A menu or a dialog inside the panel handles its own Escape.
        if (event.key !== 'Escape' || event.defaultPrevented) return;
        if ((event.target as Element).closest('dialog, [role="menu"]')) return;
        event.preventDefault();
        onClose();
      }}
    >
      <header className="side-panel-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
          <CloseIcon />
        </button>
      </header>
      {children}
    </aside>
  );
}
