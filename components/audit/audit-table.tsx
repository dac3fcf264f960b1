import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import type { AuditEntry } from "@/lib/audit/page-data";
import { describeAuditEntry, type AuditRecordRef, type AuditSentence } from "@/lib/audit/describe";
import type { Message } from "@/lib/i18n/message";
import { getFormat, getTranslator } from "@/lib/i18n/server";

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="text-gray-600 dark:text-gray-400">–</span>;
  return <pre className="max-w-md overflow-x-auto text-xs whitespace-pre-wrap">{JSON.stringify(value, null, 2)}</pre>;
}

// Stand-ins for the actor and the record while the sentence is put into words, so each can be drawn in its place
// (the actor in bold, the record as a link) whatever order the reader's language puts them in.
const ACTOR = "\u0001";
const OBJECT = "\u0002";

/** One sentence per entry, the record linked where it has a page; the action key stays beside it for searching. */
function Sentence({ sentence, words }: { sentence: AuditSentence; words: (message: Message) => string }) {
  const { object } = sentence;
  const text = words({ key: sentence.message.key, values: { ...sentence.message.values, actor: ACTOR, ...(object ? { object: OBJECT } : {}) } });
  return (
    <p>
      {text.split(/([\u0001\u0002])/).map((part, i) => {
        if (part === ACTOR)
          return (
            <span key={i} className="font-medium">
              {words(sentence.actor)}
            </span>
          );
        if (part === OBJECT && object)
          return object.href ? (
            <Link key={i} href={object.href} className="text-blue-700 underline dark:text-blue-400">
              {words(object.text)}
            </Link>
          ) : (
            <span key={i}>{words(object.text)}</span>
          );
        return part;
      })}
    </p>
  );
}

export async function AuditTable({ rows, records }: { rows: AuditEntry[]; records: Map<number, AuditRecordRef> }) {
  const [t, translate, f] = await Promise.all([getTranslations("audit.table"), getTranslator(), getFormat()]);
  const words = (message: Message) => translate(message.key, message.values);
  return (
    <Table testId="audit-table">
      <HeaderRow>
        <Th>{t("when")}</Th>
        <Th>{t("what")}</Th>
        <Th>{t("change")}</Th>
      </HeaderRow>
      <tbody>
        {rows.map((r) => (
          <Tr key={r.id}>
            <Td className="whitespace-nowrap tabular-nums">{f.dateTime(r.at)}</Td>
            <Td className="min-w-64">
              <Sentence sentence={describeAuditEntry(r, records.get(r.id), f)} words={words} />
              <p className="mt-0.5 text-xs text-gray-600 dark:text-gray-400">
                <code className="font-mono">{r.action}</code> · {r.actorEmail}
              </p>
            </Td>
            <Td>
              <details>
                <summary className="cursor-pointer text-blue-700 dark:text-blue-400">{t("beforeAfter")}</summary>
                <div className="mt-2 grid gap-2 md:grid-cols-2">
                  <div>
                    <p className="text-xs text-gray-600 dark:text-gray-400">{t("before")}</p>
                    <Json value={r.before} />
                  </div>
                  <div>
                    <p className="text-xs text-gray-600 dark:text-gray-400">{t("after")}</p>
                    <Json value={r.after} />
                  </div>
                </div>
              </details>
            </Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
