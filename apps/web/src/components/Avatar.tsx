import { useState } from 'react';
import { SettingsIcon } from './icons.tsx';
import { initialsOf } from './initials.ts';
import './Avatar.css';

interface AvatarProps {
  name: string | null;
  url: string | null;
  size: 'small' | 'medium' | 'large';
  /** Empty when the name is shown next to the avatar. */
  alt: string;
}

/** A round profile photo, or the person's initials when there is none. */
export function Avatar({ name, url, size, alt }: AvatarProps) {
  // Signed avatar URLs expire: fall back to initials until the profile is re-read.
  const [failedUrl, setFailedUrl] = useState<string | null>(null);
  const initials = initialsOf(name);
  return (
    <span className={`avatar avatar-${size}`}>
      {url !== null && url !== failedUrl ? (
        <img src={url} alt={alt} onError={() => setFailedUrl(url)} />
      ) : initials === '' ? (
        <SettingsIcon />
      ) : (
        <span aria-hidden="true">{initials}</span>
      )}
    </span>
  );
}
