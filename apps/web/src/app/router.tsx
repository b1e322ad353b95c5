import { createBrowserRouter, Navigate } from 'react-router';
import { MeetingsPage } from '../features/meetings/MeetingsPage.tsx';
import { ChatScreen } from '../features/messenger/ChatScreen.tsx';
import { ChatsPage } from '../features/messenger/ChatsPage.tsx';
import { NoChatSelected } from '../features/messenger/NoChatSelected.tsx';
import { SettingsPage } from '../features/settings/SettingsPage.tsx';
import { AppShell } from './AppShell.tsx';
import { RequireSession, SignInRoute } from './RouteGuards.tsx';

export const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInRoute /> },
  {
    element: <RequireSession />,
    children: [
      {
        element: <AppShell />,
        children: [
          { index: true, element: <Navigate to="/chats" replace /> },
          {
            path: 'chats',
            element: <ChatsPage />,
            children: [
              { index: true, element: <NoChatSelected /> },
              { path: ':chatId', element: <ChatScreen /> },
            ],
          },
          { path: 'meetings', element: <MeetingsPage /> },
          { path: 'settings', element: <SettingsPage /> },
          { path: '*', element: <Navigate to="/chats" replace /> },
        ],
      },
    ],
  },
]);
