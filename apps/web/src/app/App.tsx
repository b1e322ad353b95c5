import { RouterProvider } from 'react-router/dom';
import { router } from './router.tsx';
import { SessionProvider } from './SessionProvider.tsx';

export function App() {
  return (
    <SessionProvider>
      <RouterProvider router={router} />
    </SessionProvider>
  );
}
