import { useTranslations } from "next-intl";
import type { Term, Translate } from "./labels";
import { splitModelIds } from "./labels";

/** A plain label whose explanation (or raw code name) shows on hover; dotted underline marks that there is one. */
export function TermLabel({ term, raw }: { term: Term; raw?: string }) {
  const t = useTranslations("models.term");
  return (
    <span className="cursor-help underline decoration-dotted underline-offset-2" title={raw ? t("recordedAs", { explanation: term.explanation, raw }) : term.explanation}>
      {term.label}
    </span>
  );
}

/** Running text with model ids ("network+tsb") shown by their readable labels, the raw id on hover. */
export function ModelIdText({ text }: { text: string }) {
  const t = useTranslations() as unknown as Translate;
  return (
    <>
      {splitModelIds(text, t).map((part, i) =>
        part.id ? (
          <span key={i} className="cursor-help underline decoration-dotted underline-offset-2" title={part.id}>
            {part.text}
          </span>
        ) : (
          part.text
        ),
      )}
    </>
  );
}
