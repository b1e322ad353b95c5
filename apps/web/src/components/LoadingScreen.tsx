import { LogoMark } from './icons.tsx';

/** Shown while the stored session is being checked. */
export function LoadingScreen() {
  return (
    <main className="full-screen">
      <LogoMark />
      <p role="status" className="muted">
        Loading Parley…
      </p>
    </main>
  );
}
