/**
 * The shim channel of each document that has tracks, kept in storage.local (storage.session does not survive an
 * update, which is exactly when these are needed). A relay injected after an update gets its own document's
 * channel, and no other: documents are named by `documentId` or, in Firefox, by tab, frame and time origin (see
 * router.ts). Writes are serialised; the book is bounded.
 */
import type { ChannelNames } from '../src/page-world';

export interface LocalArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

type Book = Record<string, ChannelNames & { at: number }>;

const KEY = 'channels';
/** Documents remembered at most; the oldest go first. */
const MAX_DOCUMENTS = 500;

export function createChannelBook(area: LocalArea) {
  let writing: Promise<unknown> = Promise.resolve();

  /** Runs read-modify-write steps one at a time, so that none loses another's change. */
  function change(edit: (book: Book) => void): Promise<unknown> {
    writing = writing.then(async () => {
      const book = ((await area.get(KEY))[KEY] ?? {}) as Book;
      edit(book);
      const kept = Object.entries(book).sort(([, a], [, b]) => b.at - a.at).slice(0, MAX_DOCUMENTS);
      await area.set({ [KEY]: Object.fromEntries(kept) });
    }).catch((error: unknown) => console.error('Trackstop: could not save a channel', error));
    return writing;
  }

  return {
    remember: (key: string, channel: ChannelNames) =>
      change((book) => { book[key] = { ...channel, at: Date.now() }; }),
    forget: (key: string) => change((book) => { delete book[key]; }),
    async lookup(key: string): Promise<ChannelNames | undefined> {
      await writing;
      const entry = ((await area.get(KEY))[KEY] as Book | undefined)?.[key];
      return entry && { toRelay: entry.toRelay, toShim: entry.toShim };
    },
  };
}

export type ChannelBook = ReturnType<typeof createChannelBook>;
