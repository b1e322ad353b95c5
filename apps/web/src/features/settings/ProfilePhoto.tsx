import { useState } from 'react';
import { describeError } from '../../app/error-messages.ts';
import { limits } from '../../app/limits.ts';
import { useSignedInSession } from '../../app/session-context.ts';
import { AvatarEditor } from '../../components/AvatarEditor.tsx';
import { avatarFileProblem, avatarTypes } from './avatar-file.ts';

const uploadMessages = {
  PAYLOAD_TOO_LARGE: 'That photo is too large. Choose a smaller one.',
  UNSUPPORTED_MEDIA_TYPE: 'Choose a JPEG, PNG or WebP image.',
} as const;

/** Uploads and removes the profile photo. */
export function ProfilePhoto() {
  const { api, me, setMe } = useSignedInSession();
  const [progress, setProgress] = useState<number | null>(null);
  const [removing, setRemoving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function upload(file: File) {
    setNotice(null);
    const problem = avatarFileProblem(file, limits.avatarBytes);
    setError(problem);
    if (problem !== null) return;
    setProgress(0);
    try {
      setMe(await api.uploadAvatar(file, { onProgress: setProgress }));
      setNotice('Photo updated.');
    } catch (caught) {
      setError(describeError(caught, uploadMessages));
    } finally {
      setProgress(null);
    }
  }

  async function remove() {
    setNotice(null);
    setError(null);
    setRemoving(true);
    try {
      setMe(await api.deleteAvatar());
      setNotice('Photo removed.');
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setRemoving(false);
    }
  }

  return (
    <AvatarEditor
      name={me.displayName}
      url={me.avatar?.large ?? null}
      accept={avatarTypes.join(',')}
      uploadProgress={progress}
      removing={removing}
      onFileChosen={upload}
      onRemove={remove}
      error={error}
      notice={notice}
    />
  );
}
