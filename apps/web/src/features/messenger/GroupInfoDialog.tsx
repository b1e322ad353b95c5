import type { ChatSummary } from '@parley/client';
import { type ChatMember, chatLimits } from '@parley/protocol';
import { useId, useState } from 'react';
import { describeError } from '../../app/error-messages.ts';
import { Avatar } from '../../components/Avatar.tsx';
import { AvatarEditor } from '../../components/AvatarEditor.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Form, SubmitButton } from '../../components/Form.tsx';
import { MoreIcon } from '../../components/icons.tsx';
import { Menu } from '../../components/Menu.tsx';
import { PhoneLookupFields } from '../../components/PhoneLookupFields.tsx';
import { TextField } from '../../components/TextField.tsx';
import { avatarTypes } from '../settings/avatar-file.ts';
import { useMessenger } from './messenger-context.ts';
import { personName } from './people.ts';
import { usePhoneLookup } from './use-phone-lookup.ts';

/**
 * "Group info": photo, name and description (admins change them), the members with their
 * roles, admin actions (add, remove, make or dismiss as admin), and "Leave group".
 */
export function GroupInfoDialog({
  summary,
  me,
  onClose,
}: {
  summary: ChatSummary;
  me: string;
  onClose(): void;
}) {
  const messenger = useMessenger();
  const { chat } = summary;
  const isAdmin = !summary.left && chat.members.some((m) => m.user.id === me && m.role === 'admin');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [removingPhoto, setRemovingPhoto] = useState(false);
  const [confirmLeave, setConfirmLeave] = useState(false);
  const [busy, setBusy] = useState(false);

  /** Runs an admin action, showing its failure in plain words. */
  async function act(action: () => Promise<unknown>, done?: string) {
    setError(null);
    setNotice(null);
    setBusy(true);
    try {
      await action();
      if (done) setNotice(done);
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  }

  const members = [...chat.members].sort(
    (a, b) =>
      Number(b.user.id === me) - Number(a.user.id === me) ||
      Number(b.role === 'admin') - Number(a.role === 'admin') ||
      personName(a.user).localeCompare(personName(b.user)),
  );

  return (
    <Dialog title="Group info" onClose={onClose} size="full">
      <div className="group-profile">
        {isAdmin ? (
          <AvatarEditor
            name={chat.title}
            url={chat.avatar?.large ?? null}
            accept={avatarTypes.join(',')}
            uploadProgress={progress}
            removing={removingPhoto}
            photoAlt="Group photo"
            onFileChosen={async (file) => {
              setProgress(0);
              await act(() => messenger.chats.setAvatar(chat.id, file, setProgress), 'Photo updated.');
              setProgress(null);
            }}
            onRemove={async () => {
              setRemovingPhoto(true);
              await act(() => messenger.chats.removeAvatar(chat.id), 'Photo removed.');
              setRemovingPhoto(false);
            }}
            error={null}
            notice={null}
          />
        ) : (
          <Avatar name={chat.title} url={chat.avatar?.large ?? null} size="large" alt="Group photo" />
        )}
        <GroupDetails summary={summary} canEdit={isAdmin} onSaved={() => setNotice('Saved.')} />
      </div>
      <ErrorAlert message={error} />
      <p role="status" className="status success">
        {notice}
      </p>
      <section className="stack" aria-label="Members">
        <h3>{chat.members.length === 1 ? '1 member' : `${chat.members.length} members`}</h3>
        {isAdmin && (
          <AddMember
            onAdd={(userId, name) =>
              act(() => messenger.chats.addMembers(chat.id, [userId]), `${name} added.`)
            }
          />
        )}
        <ul className="member-list">
          {members.map((member) => (
            <MemberRow
              key={member.user.id}
              member={member}
              isMe={member.user.id === me}
              canManage={isAdmin && member.user.id !== me && !busy}
              onSetRole={(role) => act(() => messenger.chats.setMemberRole(chat.id, member.user.id, role))}
              onRemove={() =>
                act(
                  () => messenger.chats.removeMember(chat.id, member.user.id),
                  `${personName(member.user)} removed.`,
                )
              }
            />
          ))}
        </ul>
      </section>
      {summary.left ? (
        <p className="muted">You’re no longer a member of this group.</p>
      ) : confirmLeave ? (
        <div className="stack">
          <p>Leave “{chat.title}”? You’ll stop getting its messages; the history stays on this device.</p>
          <div className="row">
            <button
              type="button"
              className="button danger"
              disabled={busy}
              onClick={() =>
                act(() => messenger.chats.removeMember(chat.id, me)).then(() => setConfirmLeave(false))
              }
            >
              Leave group
            </button>
            <button type="button" className="button secondary" onClick={() => setConfirmLeave(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="button danger" onClick={() => setConfirmLeave(true)}>
          Leave group
        </button>
      )}
    </Dialog>
  );
}

function GroupDetails({
  summary,
  canEdit,
  onSaved,
}: {
  summary: ChatSummary;
  canEdit: boolean;
  onSaved(): void;
}) {
  const messenger = useMessenger();
  const { chat } = summary;
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(chat.title ?? '');
  const [description, setDescription] = useState(chat.description);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const descriptionId = useId();

  async function save() {
    const name = title.trim();
    if (name === '') return setError('Give the group a name.');
    setPending(true);
    setError(null);
    try {
      await messenger.chats.updateGroup(chat.id, { title: name, description: description.trim() });
      setEditing(false);
      onSaved();
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setPending(false);
    }
  }

  if (!editing) {
    return (
      <>
        <h3>{chat.title}</h3>
        {chat.description !== '' && <p className="group-description">{chat.description}</p>}
        {canEdit && (
          <button
            type="button"
            className="button secondary small"
            onClick={() => {
              setTitle(chat.title ?? '');
              setDescription(chat.description);
              setEditing(true);
            }}
          >
            Edit name and description
          </button>
        )}
      </>
    );
  }
  return (
    <Form onSubmit={save}>
      <TextField
        label="Group name"
        value={title}
        onChange={setTitle}
        maxLength={chatLimits.titleMax}
        required
      />
      <div className="field">
        <label htmlFor={descriptionId}>Description</label>
        <textarea
          id={descriptionId}
          value={description}
          maxLength={chatLimits.descriptionMax}
          onChange={(event) => setDescription(event.currentTarget.value)}
        />
      </div>
      <ErrorAlert message={error} />
      <div className="row">
        <SubmitButton pending={pending} pendingLabel="Saving…">
          Save
        </SubmitButton>
        <button type="button" className="button secondary" onClick={() => setEditing(false)}>
          Cancel
        </button>
      </div>
    </Form>
  );
}

function AddMember({ onAdd }: { onAdd(userId: string, name: string): Promise<void> }) {
  const lookup = usePhoneLookup();
  return (
    <details className="add-member">
      <summary className="button secondary small">Add members</summary>
      <PhoneLookupFields
        {...lookup.fields}
        findLabel="Add member"
        onFind={async () => {
          const user = await lookup.find();
          if (user === null) return;
          await onAdd(user.id, personName(user));
          lookup.reset();
        }}
      />
    </details>
  );
}

function MemberRow({
  member,
  isMe,
  canManage,
  onSetRole,
  onRemove,
}: {
  member: ChatMember;
  isMe: boolean;
  canManage: boolean;
  onSetRole(role: 'admin' | 'member'): void;
  onRemove(): void;
}) {
  const name = personName(member.user);
  return (
    <li className="member">
      <Avatar name={name} url={member.user.avatar?.small ?? null} size="small" alt="" />
      <span className="member-text">
        <span className="member-name">
          {isMe ? 'You' : name}
          {member.role === 'admin' && <span className="badge">Admin</span>}
        </span>
        <span className="muted small">{member.user.about || member.user.phone}</span>
      </span>
      {canManage && (
        <Menu
          label={`Options for ${name}`}
          icon={<MoreIcon />}
          groups={[
            [
              member.role === 'admin'
                ? { label: 'Dismiss as admin', onSelect: () => onSetRole('member') }
                : { label: 'Make group admin', onSelect: () => onSetRole('admin') },
              { label: `Remove ${name}`, onSelect: onRemove, danger: true },
            ],
          ]}
        />
      )}
    </li>
  );
}
