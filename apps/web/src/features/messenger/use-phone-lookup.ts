import type { PublicUser } from '@parley/protocol';
import { useState } from 'react';
import { describeError } from '../../app/error-messages.ts';
import { useSignedInSession } from '../../app/session-context.ts';
import { countries, countryByCode, countryOfPhone } from '../auth/countries.ts';
import { composePhoneNumber } from '../auth/phone-number.ts';

/** State of a "find someone by phone number" field set, starting in my own country. */
export function usePhoneLookup() {
  const { api, me } = useSignedInSession();
  const [countryCode, setCountryCode] = useState(() => countryOfPhone(me.phone));
  const [number, setNumber] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  /** Looks the number up; resolves with the person, or null after showing why not. */
  async function find(): Promise<PublicUser | null> {
    const phone = composePhoneNumber(countryByCode(countryCode).dialCode, number);
    if (phone === null) {
      setError('Enter a phone number.');
      return null;
    }
    setPending(true);
    setError(null);
    try {
      const user = await api.lookupUser(phone);
      if (user.id === me.id) {
        setError('That’s your own number.');
        return null;
      }
      return user;
    } catch (caught) {
      setError(describeError(caught));
      return null;
    } finally {
      setPending(false);
    }
  }

  return {
    fields: {
      countries,
      countryCode,
      onCountryChange: setCountryCode,
      number,
      onNumberChange: (value: string) => {
        setNumber(value);
        setError(null);
      },
      pending,
      error,
    },
    find,
    reset: () => setNumber(''),
    setError,
  };
}
