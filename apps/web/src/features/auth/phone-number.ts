/**
 * Joins the chosen dial code and the national number as typed ("(415) 555-0100") into the
 * international form the server expects. A number typed with its own leading + wins over the
 * selected country. The server normalizes further (it drops a national trunk 0, for example).
 * Returns null when no digits were typed.
 */
export function composePhoneNumber(dialCode: string, typed: string): string | null {
  const digits = typed.replace(/\D/g, '');
  if (digits === '') return null;
  return typed.trim().startsWith('+') ? `+${digits}` : `+${dialCode}${digits}`;
}
