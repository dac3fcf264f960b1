import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Format } from "@/lib/format";
import type { Inbox, InboxGroup, InboxItem } from "@/lib/inbox";
import { inboxWords } from "@/lib/inbox/words";
import type { Message } from "@/lib/i18n/message";
import { getFormat, getTranslator } from "@/lib/i18n/server";
import { ItemActions, type InboxDecisions } from "./item-actions";

type Words = {
  decisions: InboxDecisions;
  t: Awaited<ReturnType<typeof getTranslations<"inbox">>>;
  f: Format;
  /** An item's title or reason in the reader's words and formats. */
  text: (message: Message) => string;
};

function DueNote({ item, t, f }: { item: InboxItem } & Words) {
  if (!item.dueAt) return null;
  return item.overdue ? (
    <span className="rounded bg-red-100 px-1.5 py-0.5 text-xs font-medium text-red-800 dark:bg-red-950 dark:text-red-300">{t("overdueSince", { at: f.dateTime(item.dueAt) })}</span>
  ) : (
    <span className="text-xs text-gray-600 dark:text-gray-400">{t("due", { at: f.dateTime(item.dueAt) })}</span>
  );
}

// Links do not prefetch: a page of items would otherwise ask the server to render every decision page at once,
// right after sign-in, for the few the person will open.
function ItemRow({ item, ...words }: { item: InboxItem } & Words) {
  const title = words.text(item.title);
  return (
    <li className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center sm:justify-between" data-testid="inbox-item" data-kind={item.kind} data-key={item.key}>
      <div className="min-w-0">
        <div className="flex flex-wrap items-center gap-2">
          <Link href={item.href} prefetch={false} className="font-medium break-words text-blue-700 hover:underline dark:text-blue-300">
            {title}
          </Link>
          <DueNote item={item} {...words} />
        </div>
        <p className="mt-0.5 text-sm break-words text-gray-600 dark:text-gray-400">{words.text(item.why)}</p>
      </div>
      {item.actions && item.ref !== undefined && <ItemActions actions={item.actions} refId={item.ref} itemTitle={title} decisions={words.decisions} />}
    </li>
  );
}

function Group({ group, ...words }: { group: InboxGroup } & Words) {
  const { t } = words;
  const headingId = `inbox-${group.kind}`;
  const label = t(`groups.${group.kind}`);
  return (
    <section aria-labelledby={headingId} className="card p-0" data-testid="inbox-group" data-kind={group.kind} data-count={group.count}>
      <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-gray-200 px-4 py-3 dark:border-gray-800">
        <h2 id={headingId} className="font-semibold">
          {label} <span className="text-gray-600 dark:text-gray-400">{t("groupCount", { count: group.count })}</span>
        </h2>
        {group.count > group.items.length && (
          <Link href={group.allHref} prefetch={false} className="text-sm text-blue-700 hover:underline dark:text-blue-300">
            {t("all", { count: group.count })}
            <span className="sr-only"> {label.toLowerCase()}</span>
          </Link>
        )}
      </div>
      <ul className="divide-y divide-gray-200 dark:divide-gray-800">
        {group.items.map((item) => (
          <ItemRow key={item.key} item={item} {...words} />
        ))}
      </ul>
    </section>
  );
}

/** The groups of a person's inbox, most urgent group first, each with its count and its first items. */
export async function InboxView({ inbox, decisions }: { inbox: Inbox; decisions: InboxDecisions }) {
  const [t, translate, f] = await Promise.all([getTranslations("inbox"), getTranslator(), getFormat()]);
  const text = (message: Message) => {
    const shown = inboxWords(message, f);
    return translate(shown.key, shown.values);
  };
  return (
    <div className="flex flex-col gap-6" data-testid="inbox" data-total={inbox.total}>
      {inbox.groups.map((group) => (
        <Group key={group.kind} group={group} decisions={decisions} t={t} f={f} text={text} />
      ))}
    </div>
  );
}
