import { useState } from 'react';
import { describeError } from '../../app/error-messages.ts';
import { limits } from '../../app/limits.ts';
import { useSignedInSession } from '../../app/session-context.ts';
import { ProfileForm } from '../../components/ProfileForm.tsx';

/** Edits the display name and the about text. */
export function ProfileDetails() {
  const { api, me, setMe } = useSignedInSession();
  const [name, setName] = useState(me.displayName ?? '');
  const [about, setAbout] = useState(me.about);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const nameChanged = name.trim() !== (me.displayName ?? '');
  const aboutChanged = about.trim() !== me.about;

  const edit = (set: (value: string) => void) => (value: string) => {
    set(value);
    setNotice(null);
  };

  async function save() {
    const displayName = name.trim();
    if (displayName === '') return setError('Enter your name.');
    setPending(true);
    setError(null);
    try {
      const saved = await api.updateMe({
        ...(nameChanged && { displayName }),
        ...(aboutChanged && { about: about.trim() }),
      });
      setMe(saved);
      setName(saved.displayName ?? '');
      setAbout(saved.about);
      setNotice('Saved');
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setPending(false);
    }
  }

  return (
    <ProfileForm
      phone={me.phone}
      name={name}
      onNameChange={edit(setName)}
      nameMaxLength={limits.displayName}
      about={about}
      onAboutChange={edit(setAbout)}
      aboutMaxLength={limits.about}
      canSave={nameChanged || aboutChanged}
      onSubmit={save}
      pending={pending}
      error={error}
      notice={notice}
    />
  );
}
