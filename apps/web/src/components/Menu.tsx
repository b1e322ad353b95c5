import { type KeyboardEvent, type ReactNode, useEffect, useLayoutEffect, useRef, useState } from 'react';
import './Menu.css';

export interface MenuItem {
  label: string;
  onSelect(): void;
  /** Shown instead of the label (a reaction's emoji); the label stays the accessible name. */
  content?: ReactNode;
  danger?: boolean;
}

interface MenuProps {
  /** The trigger's accessible name ("Message actions"). */
  label: string;
  icon: ReactNode;
  /** Items in groups; a rule separates groups. */
  groups: MenuItem[][];
  /** The first group lays out in a row (quick reactions). */
  firstGroupInline?: boolean;
  triggerClassName?: string;
  align?: 'start' | 'end';
  /** Opens the menu from outside (a right-click on the message); bumps each time. */
  openSignal?: number;
}

/**
 * A menu button (WAI-ARIA menu pattern): Enter, Space or ArrowDown opens it on the first item,
 * arrows and Home/End move, Escape or Tab closes it, and focus returns to the button. The menu
 * is positioned fixed, so scrolling containers never clip it.
 */
export function Menu({
  label,
  icon,
  groups,
  firstGroupInline = false,
  triggerClassName = '',
  align = 'end',
  openSignal = 0,
}: MenuProps) {
  const [open, setOpen] = useState(false);
  const [position, setPosition] = useState<{ top: number; left: number } | null>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (openSignal > 0) setOpen(true);
  }, [openSignal]);

  useLayoutEffect(() => {
    if (!open) {
      setPosition(null);
      return;
    }
    const place = () => {
      const button = trigger.current?.getBoundingClientRect();
      const list = menu.current;
      if (!button || !list) return;
      const width = list.offsetWidth;
      const height = list.offsetHeight;
      const below = button.bottom + 4 + height <= window.innerHeight - 8;
      const top = below ? button.bottom + 4 : Math.max(8, button.top - 4 - height);
      const preferred = align === 'end' ? button.right - width : button.left;
      const left = Math.min(Math.max(8, preferred), window.innerWidth - width - 8);
      setPosition((current) => (current?.top === top && current.left === left ? current : { top, left }));
    };
    place();
    const close = (event: Event) => {
      const target = event.target as Node | null;
      if (menu.current?.contains(target) || trigger.current?.contains(target)) return;
      setOpen(false);
    };
    // The menu follows its button when the page scrolls (or the button scrolls out of view).
    window.addEventListener('scroll', place, true);
    window.addEventListener('resize', place);
    document.addEventListener('pointerdown', close);
    return () => {
      window.removeEventListener('scroll', place, true);
      window.removeEventListener('resize', place);
      document.removeEventListener('pointerdown', close);
    };
  }, [open, align]);

  // Once placed (a hidden element cannot take focus): the first item, as the pattern says.
  // preventScroll: focusing would still scroll the menu's scrolling ancestors.
  const placed = position !== null;
  useEffect(() => {
    if (placed) menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus({ preventScroll: true });
  }, [placed]);

  const closeAndReturn = () => {
    setOpen(false);
    trigger.current?.focus();
  };

  const onMenuKey = (event: KeyboardEvent) => {
    const elements = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const index = elements.indexOf(document.activeElement as HTMLElement);
    const focus = (i: number) =>
      elements[(i + elements.length) % elements.length]?.focus({ preventScroll: true });
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowRight':
        focus(index + 1);
        break;
      case 'ArrowUp':
      case 'ArrowLeft':
        focus(index - 1);
        break;
      case 'Home':
        focus(0);
        break;
      case 'End':
        focus(elements.length - 1);
        break;
      case 'Escape':
        closeAndReturn();
        break;
      case 'Tab':
        setOpen(false);
        return;
      default:
        return;
    }
    event.preventDefault();
  };

  return (
    <>
      <button
        ref={trigger}
        type="button"
        className={`icon-button ${triggerClassName}`}
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((was) => !was)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            setOpen(true);
          }
        }}
      >
        {icon}
      </button>
      {open && (
        <div
          ref={menu}
          role="menu"
          aria-label={label}
          className="menu"
          style={position ? { top: position.top, left: position.left } : { visibility: 'hidden' }}
          onKeyDown={onMenuKey}
        >
          {groups.map((group, groupIndex) => (
            // A menu's groups are role="group" inside role="menu" (WAI-ARIA), not fieldsets.
            // biome-ignore lint/a11y/useSemanticElements: see above
            <div
              // Groups are fixed per render: their order is their identity.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              key={groupIndex}
              role="group"
              className={groupIndex === 0 && firstGroupInline ? 'menu-group menu-inline' : 'menu-group'}
            >
              {group.map((item) => (
                <button
                  key={item.label}
                  type="button"
                  role="menuitem"
                  tabIndex={-1}
                  aria-label={item.content ? item.label : undefined}
                  className={item.danger ? 'menu-item danger' : 'menu-item'}
                  onClick={() => {
                    closeAndReturn();
                    item.onSelect();
                  }}
                >
                  {item.content ?? item.label}
                </button>
              ))}
            </div>
          ))}
        </div>
      )}
    </>
  );
}

export function hasItems(groups: MenuItem[][]): boolean {
  return groups.some((group) => group.length > 0);
}
