/** The image types the server accepts for avatars; also the file picker's `accept`. */
export const avatarTypes = ['image/jpeg', 'image/png', 'image/webp'] as const;

/**
 * Checks a chosen file before uploading it, so a person waits for no upload the server would
 * refuse. Returns the problem in plain words, or null when the file can be sent.
 */
export function avatarFileProblem(file: { type: string; size: number }, maxBytes: number): string | null {
  if (!(avatarTypes as readonly string[]).includes(file.type)) return 'Choose a JPEG, PNG or WebP image.';
  if (file.size > maxBytes)
    return `That photo is larger than ${formatMegabytes(maxBytes)}. Choose a smaller one.`;
  return null;
}

function formatMegabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}
