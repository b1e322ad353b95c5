import { linkParts } from './link-parts.ts';

/** Message text as written (line breaks kept), with web addresses as links. */
export function MessageText({ text }: { text: string }) {
  return (
    <p className="message-text">
      {linkParts(text).map((part, index) =>
        part.kind === 'link' ? (
          // Parts of one text never reorder: their index is their identity.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <a key={index} href={part.href} target="_blank" rel="noopener noreferrer">
            {part.text}
          </a>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <span key={index}>{part.text}</span>
        ),
      )}
    </p>
  );
}
