import type { MessageRef, Notice, RenderedMessage } from '../notifier.js';
import type { Db } from '../services/db.js';
import type { NoticeGroup } from '../services/notices.js';
import { firstPostPending, type NoticeData, type NoticeType, parsePayload } from '../services/outbox.js';

/**
 * How one notice type (src/services/notices.ts) is rendered when it is sent: `render`, `locate`
 * and `posted` are given its payload checked and typed (see Notice, src/notifier.ts).
 */
export type NoticeDefinition<T extends NoticeType> = Omit<Notice<NoticeData<T>>, 'parse'>;

/** A notice type's renderer, as the notifier runs it. */
export interface DefinedNotice<T extends NoticeType> extends Notice<NoticeData<T>> {
  readonly type: T;
  parse(data: unknown): NoticeData<T>;
}

/** The renderer of `type`: the notifier checks each stored payload against the type's schema first. */
export function defineNotice<T extends NoticeType>(type: T, definition: NoticeDefinition<T>): DefinedNotice<T> {
  return { ...definition, type, parse: (data) => parsePayload(type, data) };
}

/**
 * A renderer for each notice type of a domain of the catalogue, under the same name: a type
 * without its renderer, or a renderer under another type's name, does not compile.
 */
export type NoticesFor<G extends NoticeGroup> = { [K in keyof G]: DefinedNotice<G[K]> };

/** A rendered message with what it shows (services/privacy/posted-messages.ts): it is located once posted. */
export function showing<M extends { text: string; blocks: unknown[] }>(
  message: M,
  companyIds: (string | null | undefined)[],
  showsContacts = false,
): RenderedMessage {
  return { ...message, companyIds: companyIds.filter((id): id is string => typeof id === 'string'), showsContacts };
}

/**
 * Where a message shown in place goes: onto its message once posted; a new one for its first
 * post; an update whose first post is still owed waits for it, so it never posts a duplicate.
 */
export async function inPlace(
  db: Db,
  posted: MessageRef | null,
  update: boolean | undefined,
  firstPostKey: string,
): Promise<MessageRef | 'new' | 'wait'> {
  if (posted) return posted;
  if (!update) return 'new';
  return (await firstPostPending(db, firstPostKey)) ? 'wait' : 'new';
}
