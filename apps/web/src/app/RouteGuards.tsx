import { Navigate, Outlet, useLocation } from 'react-router';
import { LoadingScreen } from '../components/LoadingScreen.tsx';
import { ServerUnreachable } from '../components/ServerUnreachable.tsx';
import { NameStep } from '../features/auth/NameStep.tsx';
import { SignInPage } from '../features/auth/SignInPage.tsx';
import { describeError } from './error-messages.ts';
import { useSession } from './session-context.ts';

interface FromState {
  from?: string;
}

/** Renders the app only for a signed-in device that has finished sign-up. */
export function RequireSession() {
  const { state, retry } = useSession();
  const location = useLocation();
  switch (state.status) {
    case 'checking':
      return <LoadingScreen />;
    case 'unreachable':
      return <ServerUnreachable message={describeError(state.error)} onRetry={retry} />;
    case 'signed-out':
      // After signing out on purpose, the next sign-in starts fresh at Chats.
      return (
        <Navigate
          to="/sign-in"
          replace
          state={state.reason === 'signed-out' ? null : ({ from: location.pathname } satisfies FromState)}
        />
      );
    case 'signed-in':
      return state.onboarding ? <NameStep /> : <Outlet />;
  }
}

/** The sign-in screen, which sends a device that is already signed in back where it was going. */
export function SignInRoute() {
  const { state, retry } = useSession();
  const location = useLocation();
  switch (state.status) {
    case 'checking':
      return <LoadingScreen />;
    case 'unreachable':
      return <ServerUnreachable message={describeError(state.error)} onRetry={retry} />;
    case 'signed-out':
      return <SignInPage expired={state.reason === 'expired'} />;
    case 'signed-in':
      return <Navigate to={(location.state as FromState | null)?.from ?? '/'} replace />;
  }
}

/** Public pages (joining a meeting) that work signed in or not, once it is known which. */
export function KnownSession() {
  const { state, retry } = useSession();
  switch (state.status) {
    case 'checking':
      return <LoadingScreen />;
    case 'unreachable':
      return <ServerUnreachable message={describeError(state.error)} onRetry={retry} />;
    case 'signed-out':
    case 'signed-in':
      return <Outlet />;
  }
}
