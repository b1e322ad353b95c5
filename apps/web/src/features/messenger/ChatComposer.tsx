import type { StoredMessage } from '@parley/client';
import { messageLimits } from '@parley/protocol';
import { type RefObject, useEffect, useState } from 'react';
import { describeError } from '../../app/error-messages.ts';
import { Composer } from '../../components/Composer.tsx';
import { useMessenger, useMessengerContext } from './messenger-context.ts';
import type { People } from './people.ts';
import { quoteView } from './quote.ts';
import { sendFiles } from './send-files.ts';
import { microphoneProblem, useVoiceRecorder } from './use-voice-recorder.ts';

/** Unsent text per chat, kept while the person looks at other chats. */
const drafts = new Map<string, string>();

interface ChatComposerProps {
  chatId: string;
  left: boolean;
  people: People;
  replyTo: StoredMessage | null;
  onCancelReply(): void;
  editing: StoredMessage | null;
  onCancelEdit(): void;
  inputRef: RefObject<HTMLTextAreaElement | null>;
}

/** The composer bound to the messenger: text, replies, edits, files and voice messages. */
export function ChatComposer(props: ChatComposerProps) {
  const messenger = useMessenger();
  const { uploads } = useMessengerContext();
  const { chatId } = props;
  const [text, setText] = useState(() => drafts.get(chatId) ?? '');
  const [error, setError] = useState<string | null>(null);
  const recorder = useVoiceRecorder();

  // Editing starts from the message's text; leaving the edit brings the draft back.
  const editingId = props.editing?.id ?? null;
  const editingText = props.editing?.content?.type === 'text' ? props.editing.content.text : null;
  useEffect(() => {
    setText(editingId === null ? (drafts.get(chatId) ?? '') : (editingText ?? ''));
  }, [editingId, editingText, chatId]);

  const recording = recorder.elapsedMs !== null;
  useEffect(() => {
    if (!recording) return;
    messenger.setTyping(chatId, 'recording');
    return () => messenger.setTyping(chatId, 'stopped');
  }, [recording, messenger, chatId]);

  function changeText(value: string) {
    setText(value);
    setError(null);
    if (editingId !== null) return;
    drafts.set(chatId, value);
    messenger.setTyping(chatId, value.trim() === '' ? 'stopped' : 'typing');
  }

  async function submit() {
    const body = text.trim();
    if (body === '') return;
    setError(null);
    try {
      if (props.editing) {
        // Unchanged text is no edit: it would only add the "edited" mark.
        if (body !== editingText) await messenger.edit(props.editing.id, body);
        props.onCancelEdit();
      } else {
        const replyTo = props.replyTo?.id;
        setText('');
        drafts.delete(chatId);
        props.onCancelReply();
        await messenger.sendText(chatId, body, replyTo ? { replyTo } : {});
      }
    } catch (caught) {
      setError(describeError(caught));
      if (!props.editing) setText(body);
    }
    props.inputRef.current?.focus();
  }

  function send(files: File[], voice: boolean) {
    if (files.length > messageLimits.attachmentsPerMessage) {
      setError(`Send at most ${messageLimits.attachmentsPerMessage} files at a time.`);
      return;
    }
    const replyTo = props.replyTo?.id;
    props.onCancelReply();
    sendFiles(messenger, uploads, chatId, files, replyTo ? { voice, replyTo } : { voice });
  }

  return (
    <Composer
      text={text}
      onTextChange={changeText}
      onSubmit={submit}
      reply={props.replyTo ? quoteView(props.replyTo, props.people) : null}
      onCancelReply={props.onCancelReply}
      editing={props.editing !== null}
      onCancelEdit={props.onCancelEdit}
      onFiles={(files) => send(files, false)}
      recordingMs={recorder.elapsedMs}
      onStartRecording={() => {
        setError(null);
        recorder.start().catch((caught: unknown) => setError(microphoneProblem(caught)));
      }}
      onCancelRecording={recorder.cancel}
      onSendRecording={async () => {
        const file = await recorder.stop();
        if (file === null) setError('Hold on a little longer to record a voice message.');
        else send([file], true);
      }}
      disabledReason={props.left ? 'You can’t send messages here because you’re no longer a member.' : null}
      error={error}
      inputRef={props.inputRef}
    />
  );
}
