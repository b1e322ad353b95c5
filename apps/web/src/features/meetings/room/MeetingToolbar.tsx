import type { ReactNode } from 'react';
import { MoreIcon } from '../../../components/icons.tsx';
import { Menu, type MenuItem } from '../../../components/Menu.tsx';
import { LeaveIcon } from './meeting-icons.tsx';
import { splitToolbar, toolbarButtonWidth } from './toolbar-overflow.ts';
import { useElementSize } from './use-element-size.ts';

export interface ToolbarAction {
  id: string;
  /** The accessible name ("Participants (3)"); also the visible text unless `text` is given. */
  label: string;
  /** The short text under the icon. */
  text?: string;
  icon: ReactNode;
  onSelect(): void;
  /** A toggle (noise suppression): its state. */
  pressed?: boolean;
  /** Drawn as a warning: muted, camera off. */
  alert?: boolean;
  /** A number on the icon (people, unread messages); shown only when above zero. */
  count?: number;
  /** Something waits for the person (unread messages, people waiting): the count and More stand out. */
  attention?: boolean;
  /** The item's name in the More menu, when it differs (a toggle names its action there). */
  menuLabel?: string;
  /** Opens a menu of its own (reactions): inline on the toolbar, a row at the top of More. */
  items?: MenuItem[];
}

interface MeetingToolbarProps {
  /** In priority order: the first ones stay when the toolbar is narrow, the rest go into More. */
  actions: readonly ToolbarAction[];
  onLeave(): void;
}

/** The controls along the bottom; what does not fit (a phone is 360 px wide) goes into "More". */
export function MeetingToolbar({ actions, onLeave }: MeetingToolbarProps) {
  const { ref, size } = useElementSize<HTMLDivElement>();
  const buttonWidth = toolbarButtonWidth(typeof window === 'undefined' ? 1024 : window.innerWidth);
  // Before the first measurement, everything inline: the layout settles in the same frame.
  const { inline, overflow } =
    size.width === 0
      ? { inline: [...actions], overflow: [] }
      : splitToolbar(actions, size.width, buttonWidth);
  const moreGroups = overflowGroups(overflow);
  const moreAttention = overflow.some((action) => action.attention);
  return (
    <section className="toolbar" aria-label="Meeting controls">
      <div className="toolbar-actions" ref={ref}>
        {inline.map((action) =>
          action.items ? (
            <Menu
              key={action.id}
              label={action.label}
              icon={<ButtonFace action={action} />}
              groups={[action.items]}
              firstGroupInline
              align="start"
              triggerClassName="toolbar-button"
            />
          ) : (
            <button
              key={action.id}
              type="button"
              className={action.alert ? 'toolbar-button alert' : 'toolbar-button'}
              aria-label={action.text === undefined ? undefined : action.label}
              aria-pressed={action.pressed}
              onClick={action.onSelect}
            >
              <ButtonFace action={action} />
            </button>
          ),
        )}
        {overflow.length > 0 && (
          <Menu
            label="More"
            icon={
              <>
                <span className="toolbar-icon">
                  <MoreIcon />
                  {moreAttention && <span className="toolbar-dot" />}
                </span>
                <span className="toolbar-text">More</span>
              </>
            }
            groups={moreGroups}
            firstGroupInline={overflow.some((action) => action.items)}
            triggerClassName="toolbar-button"
          />
        )}
      </div>
      <button type="button" className="toolbar-leave" onClick={onLeave}>
        <LeaveIcon />
        <span>Leave</span>
      </button>
    </section>
  );
}

function ButtonFace({ action }: { action: ToolbarAction }) {
  const count = action.count ?? 0;
  return (
    <>
      <span className="toolbar-icon">
        {action.icon}
        {count > 0 && (
          <span className={action.attention ? 'toolbar-badge attention' : 'toolbar-badge'} aria-hidden="true">
            {count > 99 ? '99+' : count}
          </span>
        )}
      </span>
      <span className="toolbar-text">{action.text ?? action.label}</span>
    </>
  );
}

/** The More menu: a submenu's items (reactions) as the inline first row, then one item per action. */
function overflowGroups(overflow: readonly ToolbarAction[]): MenuItem[][] {
  const rows = overflow.flatMap((action) => action.items ?? []);
  const items = overflow
    .filter((action) => !action.items)
    .map((action) => ({ label: action.menuLabel ?? action.label, onSelect: action.onSelect }));
  return rows.length > 0 ? [rows, items] : [items];
}
