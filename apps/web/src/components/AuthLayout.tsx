import type { ReactNode } from 'react';
import { LogoMark } from './icons.tsx';
import './AuthLayout.css';

/** The centered card every sign-in step sits in. */
export function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="auth-layout">
      <div className="auth-brand">
        <LogoMark />
        <span>Parley</span>
      </div>
      <div className="card auth-card">{children}</div>
    </main>
  );
}
