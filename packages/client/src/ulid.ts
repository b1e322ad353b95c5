const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export interface UlidFactoryOptions {
  now?: () => number;
  /** Fills the array with random bytes; crypto.getRandomValues by default. */
  random?: (bytes: Uint8Array) => void;
}

/**
 * Returns a generator of ULIDs (26 Crockford base32 characters: 48-bit time, 80 random bits).
 * Ids made in the same millisecond increment the random part, so a burst of messages sent
 * together still sorts in the order the person sent them.
 */
export function ulidFactory(options: UlidFactoryOptions = {}): () => string {
  const now = options.now ?? Date.now;
  const random = options.random ?? ((bytes: Uint8Array) => crypto.getRandomValues(bytes));
  let lastTime = -1;
  let lastRandom: number[] = [];
  const fresh = () => {
    const bytes = new Uint8Array(16);
    random(bytes);
    // 256 is a multiple of 32: every digit is equally likely.
    return [...bytes].map((byte) => byte % 32);
  };
  return () => {
    const time = now();
    if (time > lastTime) {
      lastTime = time;
      lastRandom = fresh();
    } else {
      // Same millisecond, or the clock went back: stay monotonic.
      const next = increment(lastRandom);
      if (next === null) {
        // The random part is exhausted: borrow the next millisecond.
        lastTime += 1;
        lastRandom = fresh();
      } else {
        lastRandom = next;
      }
    }
    return encodeTime(lastTime) + lastRandom.map((digit) => alphabet[digit]).join('');
  };
}

function encodeTime(time: number): string {
  let out = '';
  let rest = time;
  for (let i = 0; i < 10; i += 1) {
    out = alphabet[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

/** The next random part, or null when every digit is already the largest. */
function increment(digits: number[]): number[] | null {
  const next = [...digits];
  for (let i = next.length - 1; i >= 0; i -= 1) {
    const digit = next[i] ?? 0;
    if (digit < 31) {
      next[i] = digit + 1;
      return next;
    }
    next[i] = 0;
  }
  return null;
}

/** The SDK's id generator for messages it creates. */
export const ulid = ulidFactory();
