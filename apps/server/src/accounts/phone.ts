import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import { AppError } from '../errors.ts';

/**
 * Normalizes a typed number to E.164 using the configured default region for national numbers.
 * The check is for a possible length for the country, not for an allocated range: the code sent by
 * SMS is what proves the number is real and the person holds it.
 */
export function normalizePhone(input: string, defaultRegion: string): string {
  const parsed = parsePhoneNumberFromString(input, defaultRegion as CountryCode);
  if (!parsed?.country && !parsed?.countryCallingCode) throw invalidPhone();
  if (!parsed.isPossible()) throw invalidPhone();
  return parsed.number;
}

function invalidPhone(): AppError {
  return new AppError(
    'INVALID_PHONE',
    'That does not look like a phone number. Include the country code, e.g. +1 555 000 1111.',
  );
}
