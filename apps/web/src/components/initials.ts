/** Up to two letters standing in for a missing photo: "Ada Lovelace" -> "AL". */
export function initialsOf(name: string | null): string {
  const words = (name ?? '').trim().split(/\s+/).filter(Boolean);
  // Array.from splits by code point, so an emoji or accented letter stays whole.
  const letters = words.slice(0, 2).map((word) => Array.from(word)[0] ?? '');
  return letters.join('').toUpperCase();
}
