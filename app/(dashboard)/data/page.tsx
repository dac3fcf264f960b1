import { z } from "zod";
import { ApiKeys } from "@/components/data/api-keys";
import { ImportForm } from "@/components/data/import-form";
import { ImportProgress } from "@/components/data/import-progress";
import { ImportsTable } from "@/components/data/imports-table";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { listApiKeys } from "@/lib/api-keys";
import { apiScopes } from "@/lib/api-scopes";
import { requireArea } from "@/lib/auth/session";
import { encodingLabels, fileEncodings } from "@/lib/csv/decode";
import { importKinds } from "@/lib/csv/import";
import { findImport, isInProgress, recentImports } from "@/lib/csv/queries";
import { importMaxBytes, inlineImportMaxBytes } from "@/lib/csv/upload";
import { formatInteger } from "@/lib/format";
import { storeCounts } from "@/lib/overview/queries";

export const metadata = { title: "Data" };

const searchSchema = z.object({ import: z.coerce.number().int().positive().optional().catch(undefined) });

export default async function DataPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireArea("data");
  const { import: watchedId } = searchSchema.parse(await searchParams);
  const db = getDb();
  const recent = recentImports(db);
  const watched = watchedId === undefined ? null : findImport(db, watchedId);
  const counts = storeCounts(db);
  const kinds = Object.entries(importKinds).map(([key, k]) => ({ key, ...k }));
  const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

  return (
    <>
      <PageHeader
        title="Data"
        description={`${formatInteger(counts.products)} products · ${formatInteger(counts.customers)} customers · ${formatInteger(counts.orders)} orders · ${formatInteger(counts.transactions)} payments · ${formatInteger(counts.reviews)} reviews`}
      />
      <AutoRefresh active={recent.some(isInProgress) || (watched !== null && isInProgress(watched))} />
      <section className="card">
        <h2 className="mb-1 font-medium">Import a CSV file</h2>
        <p className="mb-4 text-sm text-gray-600 dark:text-gray-400">
          A file is imported whole or not at all: if any line is wrong, nothing is written and every problem is listed by line. Files up to{" "}
          {mb(inlineImportMaxBytes)} are imported at once; larger ones (up to {mb(importMaxBytes)}) run in the background and their progress shows here.
          Files must be UTF-8, unless you choose Windows-1252 / Latin-1 for an older export.
        </p>
        <ImportForm
          kinds={kinds.map(({ key, label }) => ({ key, label }))}
          encodings={fileEncodings.map((key) => ({ key, label: encodingLabels[key] }))}
          maxBytes={importMaxBytes}
        />
        {watched && <ImportProgress view={watched} />}
        <details className="mt-4 text-sm">
          <summary className="cursor-pointer text-blue-600 dark:text-blue-400">Columns each kind expects</summary>
          <ul className="mt-2 space-y-1">
            {kinds.map((k) => (
              <li key={k.key}>
                <span className="font-medium">{k.label}:</span> <code className="text-xs">{k.columns.join(", ")}</code>
              </li>
            ))}
          </ul>
        </details>
      </section>
      <section className="card mt-6">
        <h2 className="mb-3 font-medium">Recent imports</h2>
        {recent.length === 0 ? <p className="text-sm text-gray-600 dark:text-gray-400">No file has been imported yet.</p> : <ImportsTable imports={recent} />}
      </section>
      <section className="card mt-6" aria-labelledby="api-keys-heading">
        <h2 id="api-keys-heading" className="mb-1 font-medium">
          API keys
        </h2>
        <p className="mb-4 text-sm text-gray-600 dark:text-gray-400">Keys let other systems call the scoring API. Only a hash of each key is stored, so a key is shown once, when it is created.</p>
        <ApiKeys keys={listApiKeys(db)} scopes={apiScopes} />
      </section>
    </>
  );
}
