import type { Messages } from "./messages";

/** Every key of the catalogue as a dotted path ("fraud.queue.title"), so a mistyped key fails the typecheck. */
type Leaves<T, P extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

export type MessageKey = Leaves<Messages>;
export type MessageValues = Record<string, string | number>;

/**
 * A message not yet put into words: what lib/ returns or throws when a person will read it (errors, audit sentences,
 * inbox reasons, import problems), so the words are chosen at the edge in the reader's language.
 */
export type Message = { key: MessageKey; values?: MessageValues };

export const msg = (key: MessageKey, values?: MessageValues): Message => (values ? { key, values } : { key });

export const isMessage = (value: unknown): value is Message =>
  typeof value === "object" && value !== null && typeof (value as { key?: unknown }).key === "string";
