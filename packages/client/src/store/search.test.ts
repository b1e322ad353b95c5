import type { Content, ParleyEvent } from '@parley/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  at,
  chatOf,
  checkSearchIndexes,
  engineFor,
  messageEvent,
  messageIds,
  queued,
  text,
  user,
} from '../testing/store-fixtures.ts';
import { parseSnippet, searchTerms, trigramQuery, wordsQuery } from './search.ts';
import type { SqlDatabase } from './sql-database.ts';
import type { StoreEngine } from './store-engine.ts';

describe('search query building', () => {
  it('splits on anything but letters, digits and marks, in any script', () => {
    expect(searchTerms('  Привет, "мир"! café-bar 42 ')).toEqual(['Привет', 'мир', 'café', 'bar', '42']);
    expect(searchTerms('"*) OR (')).toEqual(['OR']);
  });

  it('uses word prefixes, and substrings only when every term has 3+ characters', () => {
    expect(wordsQuery(['lun', 'to'])).toBe('"lun"* "to"*');
    expect(trigramQuery(['lun', 'to'])).toBeNull();
    expect(trigramQuery(['ивет', 'unch'])).toBe('"ивет" "unch"');
    expect(wordsQuery([])).toBeNull();
  });

  it('splits a marked snippet into highlighted parts', () => {
    expect(parseSnippet('a \u0001b\u0002 c')).toEqual([
      { text: 'a ', match: false },
      { text: 'b', match: true },
      { text: ' c', match: false },
    ]);
  });
});

describe('searching the history', () => {
  const alice = user('Alice');
  const bob = user('Bob');
  const direct = chatOf([alice, bob]);
  const group = chatOf([alice, bob, user('Carol')]);
  let engine: StoreEngine;
  let db: SqlDatabase;
  const id: Record<string, string> = {};
  let seq = 0;

  function apply(...events: ParleyEvent[]) {
    engine.applyEvents(queued(events, seq + 1));
    seq += events.length;
  }

  beforeAll(async () => {
    ({ engine, db } = await engineFor(alice));
    const nextId = messageIds();
    const photo: Content = {
      type: 'media',
      caption: 'Sunset over the harbour',
      attachments: [
        {
          id: nextId(),
          kind: 'image',
          name: 'sunset.jpg',
          contentType: 'image/jpeg',
          size: 1000,
          width: 800,
          height: 600,
          durationMs: null,
          waveform: null,
          url: '/a',
          thumbnailUrl: null,
        },
      ],
    };
    const messages: [string, typeof direct, Content, number][] = [
      ['lunch', direct, text('Lunch at the Café Müller tomorrow?'), 1_000],
      ['russian', direct, text('Привет! Как дела?'), 2_000],
      ['photo', group, photo, 3_000],
      ['meeting', group, text('The meeting moved to 3pm'), 4_000],
      ['japanese', group, text('東京で会いましょう'), 5_000],
      ['later', direct, text('Meeting notes attached'), 6_000],
    ];
    apply({ type: 'chat-updated', chat: direct }, { type: 'chat-updated', chat: group });
    for (const [name, chat, content, ms] of messages) {
      id[name] = nextId();
      apply(messageEvent(id[name] as string, chat, bob, content, at(ms)));
    }
  });

  const found = (query: string, chatId?: string) =>
    engine.search(query, chatId ? { chatId } : {}).map((hit) => hit.messageId);

  it('finds words without caring about case or diacritics', () => {
    expect(found('cafe muller')).toEqual([id.lunch]);
    expect(found('CAFÉ')).toEqual([id.lunch]);
  });

  it('finds a Cyrillic word, and a part of one through the trigram index', () => {
    expect(found('привет')).toEqual([id.russian]);
    expect(found('ивет')).toEqual([id.russian]);
  });

  it('finds text in a script without spaces between words', () => {
    expect(found('東京で')).toEqual([id.japanese]);
  });

  it('finds a prefix of a word while the person is still typing, even under 3 characters', () => {
    expect(found('me')).toEqual([id.later, id.meeting]);
  });

  it('lists hits newest first, within one chat when asked', () => {
    expect(found('meeting')).toEqual([id.later, id.meeting]);
    expect(found('meeting', group.id)).toEqual([id.meeting]);
  });

  it('searches captions and highlights the match', () => {
    const [hit] = engine.search('harbour');
    expect(hit).toMatchObject({ messageId: id.photo, chatId: group.id, senderId: bob.id, sentAt: at(3_000) });
    expect(hit?.snippet).toEqual([
      { text: 'Sunset over the ', match: false },
      { text: 'harbour', match: true },
    ]);
  });

  it('highlights the substring when only the trigram index matched', () => {
    const [hit] = engine.search('arbou');
    expect(hit?.snippet.filter((part) => part.match).map((part) => part.text)).toEqual(['arbou']);
  });

  it('returns nothing for a query without letters or digits', () => {
    expect(found('  !!! ')).toEqual([]);
  });

  it('follows edits and forgets deleted messages', () => {
    apply({
      type: 'message-edited',
      chatId: group.id,
      messageId: id.meeting as string,
      content: text('The standup moved to 3pm'),
      editedAt: at(7_000),
    });
    expect(found('meeting')).toEqual([id.later]);
    expect(found('standup')).toEqual([id.meeting]);

    apply({
      type: 'message-deleted',
      chatId: direct.id,
      messageId: id.later as string,
      forEveryone: true,
      deletedBy: bob.id,
    });
    apply({
      type: 'message-deleted',
      chatId: direct.id,
      messageId: id.lunch as string,
      forEveryone: false,
      deletedBy: alice.id,
    });
    expect(found('meeting')).toEqual([]);
    expect(found('notes')).toEqual([]);
    expect(found('lunch')).toEqual([]);
    expect(found('unch')).toEqual([]);
    checkSearchIndexes(db);
  });
});
