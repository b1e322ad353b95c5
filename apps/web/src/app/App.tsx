import { RouterProvider } from 'react-router/dom';
import { MessengerProvider } from '../features/messenger/MessengerProvider.tsx';
import { router } from './router.tsx';
import { SessionProvider } from './SessionProvider.tsx';

export function App() {
  return (
    <SessionProvider>
      <MessengerProvider>
        <RouterProvider router={router} />
      </MessengerProvider>
    </SessionProvider>
  );
}
