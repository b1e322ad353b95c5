import type { OtpChallenge } from '@parley/protocol';
import { useState } from 'react';
import { describeError } from '../../app/error-messages.ts';
import { useSession } from '../../app/session-context.ts';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { AuthLayout } from '../../components/AuthLayout.tsx';
import { CodeForm } from '../../components/CodeForm.tsx';
import { PasswordSignInForm } from '../../components/PasswordSignInForm.tsx';
import { PhoneForm } from '../../components/PhoneForm.tsx';
import { countries, countryByCode, defaultCountryCode } from './countries.ts';
import { deviceNameFromUserAgent } from './device-name.ts';
import { composePhoneNumber } from './phone-number.ts';
import { useSecondsUntil } from './use-countdown.ts';

type Step =
  | { kind: 'phone' }
  | { kind: 'code'; challenge: OtpChallenge; resendAt: number }
  | { kind: 'password' };

/** Sign in or sign up: phone number, then the SMS code; or phone number and password. */
export function SignInPage({ expired }: { expired: boolean }) {
  const { api, signIn } = useSession();
  const [step, setStep] = useState<Step>({ kind: 'phone' });
  const [countryCode, setCountryCode] = useState(defaultCountryCode);
  const [number, setNumber] = useState('');
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState<'send' | 'verify' | 'resend' | 'password' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(
    expired ? 'This device was signed out. Sign in again to continue.' : null,
  );
  useDocumentTitle('Sign in');
  const resendIn = useSecondsUntil(step.kind === 'code' ? step.resendAt : 0);

  const goTo = (next: Step) => {
    setStep(next);
    setError(null);
    setNotice(null);
  };

  const phone = () => composePhoneNumber(countryByCode(countryCode).dialCode, number);

  async function run(kind: NonNullable<typeof pending>, action: () => Promise<void>) {
    setPending(kind);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setPending(null);
    }
  }

  const sendCode = () => {
    const typed = phone();
    if (typed === null) return setError('Enter your phone number.');
    return run('send', async () => {
      const challenge = await api.requestOtp({ phone: typed });
      setCode('');
      goTo({ kind: 'code', challenge, resendAt: Date.now() + challenge.resendAfterSeconds * 1000 });
    });
  };

  if (step.kind === 'code') {
    const { challenge } = step;
    return (
      <AuthLayout>
        <CodeForm
          phone={challenge.phone}
          code={code}
          onCodeChange={setCode}
          verifying={pending === 'verify'}
          onSubmit={() => {
            if (code.length !== 6) return setError('Enter the 6-digit code from the SMS.');
            return run('verify', async () => {
              const deviceName = deviceNameFromUserAgent(navigator.userAgent);
              signIn(await api.verifyOtp({ challengeId: challenge.challengeId, code, deviceName }));
            });
          }}
          resendInSeconds={resendIn}
          resending={pending === 'resend'}
          onResend={() =>
            run('resend', async () => {
              const next = await api.requestOtp({ phone: challenge.phone });
              setCode('');
              setStep({
                kind: 'code',
                challenge: next,
                resendAt: Date.now() + next.resendAfterSeconds * 1000,
              });
              setNotice(`We sent a new code to ${next.phone}.`);
            })
          }
          onChangeNumber={() => goTo({ kind: 'phone' })}
          error={error}
          notice={notice}
        />
      </AuthLayout>
    );
  }

  if (step.kind === 'password') {
    return (
      <AuthLayout>
        <PasswordSignInForm
          countries={countries}
          countryCode={countryCode}
          onCountryChange={setCountryCode}
          number={number}
          onNumberChange={setNumber}
          password={password}
          onPasswordChange={setPassword}
          pending={pending === 'password'}
          onSubmit={() => {
            const typed = phone();
            if (typed === null) return setError('Enter your phone number.');
            if (password === '') return setError('Enter your password.');
            return run('password', async () => {
              const deviceName = deviceNameFromUserAgent(navigator.userAgent);
              signIn(await api.signInWithPassword({ phone: typed, password, deviceName }));
            });
          }}
          onUseCode={() => goTo({ kind: 'phone' })}
          error={error}
        />
      </AuthLayout>
    );
  }

  return (
    <AuthLayout>
      <PhoneForm
        countries={countries}
        countryCode={countryCode}
        onCountryChange={setCountryCode}
        number={number}
        onNumberChange={setNumber}
        pending={pending === 'send'}
        onSubmit={sendCode}
        onUsePassword={() => goTo({ kind: 'password' })}
        error={error}
        notice={notice}
      />
    </AuthLayout>
  );
}
