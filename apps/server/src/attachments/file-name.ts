/** Longest attachment name kept, in characters (what most file systems allow). */
export const maxFileNameLength = 255;

// Control characters, and the bidirectional controls that make "evil\u202Egpj.exe" read "evilexe.jpg".
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const unsafe = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const longestKeptExtension = 16;

/**
 * The name an uploaded file is known by: the last part of whatever path the client sent, without
 * control or bidirectional characters, at most 255 characters (the extension survives a cut), and
 * `fallback` when nothing is left.
 */
export function sanitizeFileName(raw: string | undefined, fallback: string): string {
  const base = (raw ?? '').split(/[/\\]/).pop() ?? '';
  const cleaned = base.replace(unsafe, '').trim();
  if (cleaned === '' || cleaned === '.' || cleaned === '..') return fallback;
  const chars = Array.from(cleaned); // code points, so a cut never splits a surrogate pair
  if (chars.length <= maxFileNameLength) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 ? Array.from(cleaned.slice(dot)) : [];
  if (extension.length === 0 || extension.length > longestKeptExtension) {
    return chars.slice(0, maxFileNameLength).join('');
  }
  const stem = Array.from(cleaned.slice(0, dot));
  return [...stem.slice(0, maxFileNameLength - extension.length), ...extension].join('');
}

/**
 * A Content-Disposition header naming the file (RFC 6266): an ASCII `filename` for old clients and
 * the exact UTF-8 name in `filename*`.
 */
export function contentDisposition(type: 'attachment' | 'inline', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
