"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ImportOutcome } from "@/components/data/import-outcome";
import { Button } from "@/components/ui/button";
import type { ImportResultText } from "@/lib/csv/types";

type Option = { key: string; label: string };
type Shown = { result: ImportResultText } | { error: string } | null;

/**
 * Uploads the chosen file as the body of POST /api/imports (the browser streams it; it is never read into a string
 * here). A small file's result comes back at once; a large one is queued, and the page follows it by its id.
 */
export function ImportForm({ kinds, encodings, maxBytes }: { kinds: Option[]; encodings: Option[]; maxBytes: number }) {
  const t = useTranslations("data");
  const router = useRouter();
  const [shown, setShown] = useState<Shown>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) return setShown({ error: t("form.chooseFile") });
    if (file.size > maxBytes) {
      return setShown({ error: t("upload.tooLarge", { mb: Math.round(maxBytes / 1024 / 1024) }) });
    }
    setPending(true);
    setShown(null);
    try {
      const query = new URLSearchParams({ kind: String(form.get("kind")), encoding: String(form.get("encoding")), filename: file.name });
      const response = await fetch(`/api/imports?${query}`, { method: "POST", body: file, headers: { "content-type": "text/csv" } });
      const body = (await response.json()) as Partial<ImportResultText> & { importId?: number; error?: string };
      if (response.status === 202 && body.importId !== undefined) {
        router.push(`/data?import=${body.importId}`);
      } else if (response.status === 200 || response.status === 422) {
        setShown({ result: body as ImportResultText });
        router.refresh();
      } else {
        setShown({ error: body.error ?? t("form.uploadFailed", { status: response.status }) });
      }
    } catch {
      setShown({ error: t("form.unreachable") });
    } finally {
      setPending(false);
    }
  }

  return (
    <div>
      <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-3" aria-label={t("form.label")} aria-busy={pending}>
        <SelectField label={t("form.kind")} name="kind" options={[{ key: "auto", label: t("form.detectKind") }, ...kinds]} />
        <SelectField label={t("form.encoding")} name="encoding" options={encodings} />
        <label className="text-sm">
          <span className="block font-medium">{t("form.file")}</span>
          <input name="file" type="file" accept=".csv,text/csv" className="mt-1 block text-sm" />
        </label>
        <Button type="submit" disabled={pending}>
          {pending ? t("form.importing") : t("form.import")}
        </Button>
      </form>
      {shown && "result" in shown && <ImportOutcome result={shown.result} />}
      {shown && "error" in shown && (
        <p role="alert" className="mt-4 text-sm text-red-600 dark:text-red-400">
          {shown.error}
        </p>
      )}
    </div>
  );
}

/** A labelled select of the form; the first option is chosen at first. */
function SelectField({ label, name, options }: { label: string; name: string; options: Option[] }) {
  return (
    <label className="text-sm">
      <span className="block font-medium">{label}</span>
      <select name={name} className="input mt-1" defaultValue={options[0]?.key}>
        {options.map((o) => (
          <option key={o.key} value={o.key}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
