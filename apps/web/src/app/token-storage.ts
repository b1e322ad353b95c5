const key = 'parley.token';

// Storage throws in some privacy modes; the app then works for this tab only.

export function readToken(): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writeToken(token: string | null): void {
  try {
    if (token === null) localStorage.removeItem(key);
    else localStorage.setItem(key, token);
  } catch {
    // See above: the session lasts until the tab closes.
  }
}
