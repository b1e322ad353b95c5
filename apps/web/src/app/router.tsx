import { createBrowserRouter, Navigate } from 'react-router';
import { CallsPage } from '../features/calls/CallsPage.tsx';
import { JoinByIdPage } from '../features/meetings/JoinByIdPage.tsx';
import { JoinMeetingRoute } from '../features/meetings/JoinMeetingPage.tsx';
import { MeetingsPage } from '../features/meetings/MeetingsPage.tsx';
import { ChatScreen } from '../features/messenger/ChatScreen.tsx';
import { ChatsPage } from '../features/messenger/ChatsPage.tsx';
import { NoChatSelected } from '../features/messenger/NoChatSelected.tsx';
import { RecordingPage } from '../features/recordings/RecordingPage.tsx';
import { SettingsPage } from '../features/settings/SettingsPage.tsx';
import { AppShell } from './AppShell.tsx';
import { KnownSession, RequireSession, SignInRoute } from './RouteGuards.tsx';

export const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInRoute /> },
  // Joining a meeting works signed in or as a guest, full screen, outside the app's navigation.
  {
    element: <KnownSession />,
    children: [
      { path: '/join', element: <JoinByIdPage /> },
      { path: '/j/:code', element: <JoinMeetingRoute /> },
    ],
  },
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
          { path: 'calls', element: <CallsPage /> },
          { path: 'meetings', element: <MeetingsPage /> },
          { path: 'recordings/:recordingId', element: <RecordingPage /> },
          { path: 'settings', element: <SettingsPage /> },
          { path: '*', element: <Navigate to="/chats" replace /> },
        ],
      },
    ],
  },
]);
