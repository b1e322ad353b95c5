// Letters and digits that cannot be mistaken for one another when read out or copied by hand.
const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random passcode to prefill the schedule form with ("k7Rm2q"). */
export function randomPasscode(
  length = 6,
  fill: (bytes: Uint32Array) => Uint32Array = (bytes) => crypto.getRandomValues(bytes),
): string {
  return Array.from(fill(new Uint32Array(length)), (n) => alphabet[n % alphabet.length]).join('');
}
