import { NavLink, Outlet, useMatch } from 'react-router';
import { Avatar } from '../components/Avatar.tsx';
import { ChatsIcon, LogoMark, MeetingsIcon, PhoneIcon, SettingsIcon } from '../components/icons.tsx';
import { CallOverlay } from '../features/calls/CallOverlay.tsx';
import { IncomingNotifications } from '../features/messenger/IncomingNotifications.tsx';
import { useSignedInSession } from './session-context.ts';
import './AppShell.css';

const destinations = [
  { to: '/chats', label: 'Chats', icon: <ChatsIcon /> },
  { to: '/calls', label: 'Calls', icon: <PhoneIcon /> },
  { to: '/meetings', label: 'Meetings', icon: <MeetingsIcon /> },
  { to: '/settings', label: 'Settings', icon: <SettingsIcon /> },
];

/**
 * Navigation (a sidebar, or a bottom tab bar on phones) around the current page. An open chat
 * takes the whole phone screen: its composer sits where the tab bar would be.
 */
export function AppShell() {
  const { me } = useSignedInSession();
  const inChat = useMatch('/chats/:chatId') !== null;
  return (
    <div className={inChat ? 'shell shell-in-chat' : 'shell'}>
      <nav className="shell-nav" aria-label="Main">
        <div className="shell-brand">
          <LogoMark />
          <span>Parley</span>
        </div>
        <ul className="shell-links">
          {destinations.map(({ to, label, icon }) => (
            <li key={to}>
              <NavLink to={to} className="shell-link">
                {icon}
                <span>{label}</span>
              </NavLink>
            </li>
          ))}
        </ul>
        <div className="shell-me">
          <Avatar name={me.displayName} url={me.avatar?.small ?? null} size="small" alt="" />
          <span className="shell-me-name">{me.displayName}</span>
        </div>
      </nav>
      <main className="shell-main">
        <Outlet />
      </main>
      <IncomingNotifications />
      <CallOverlay />
    </div>
  );
}
