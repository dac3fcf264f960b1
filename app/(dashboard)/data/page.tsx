import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { createApiKeyAction, revokeApiKeyAction } from "./api-keys-actions";
import { ApiKeys } from "@/components/data/api-keys";
import { ImportForm } from "@/components/data/import-form";
import { ImportProgress } from "@/components/data/import-progress";
import { ImportsTable } from "@/components/data/imports-table";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { PageHeader } from "@/components/ui/page-header";
import { apiScopes } from "@/lib/api-scopes";
import { requireArea } from "@/lib/auth/session";
import { encodingLabels, fileEncodings } from "@/lib/csv/decode";
import { importKinds } from "@/lib/csv/import";
import { dataPage } from "@/lib/csv/page-data";
import { isInProgress } from "@/lib/csv/queries";
import { importKindKeys } from "@/lib/csv/types";
import { importMaxBytes, inlineImportMaxBytes } from "@/lib/csv/upload";

export async function generateMetadata() {
  return { title: (await getTranslations("data"))("page.title") };
}

const searchSchema = z.object({ import: z.coerce.number().int().positive().optional().catch(undefined) });

export default async function DataPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireArea("data");
  const t = await getTranslations("data");
  const { import: watchedId } = searchSchema.parse(await searchParams);
  const { recent, watched, counts, apiKeys } = await dataPage(watchedId);
  const kinds = importKindKeys.map((key) => ({
    key,
    label: t(`kinds.${key}`),
    required: importKinds[key].specs.filter((c) => c.required).map((c) => c.name),
    optional: importKinds[key].specs.filter((c) => !c.required).map((c) => c.name),
  }));
  const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

  return (
    <>
      <PageHeader title={t("page.title")} description={t("page.counts", counts)} />
      <AutoRefresh active={recent.some(isInProgress) || (watched !== null && isInProgress(watched))} />
      <section className="card">
        <h2 className="mb-1 font-medium">{t("page.importTitle")}</h2>
        <p className="mb-4 text-sm text-gray-600 dark:text-gray-400">{t("page.importIntro", { inline: mb(inlineImportMaxBytes), max: mb(importMaxBytes) })}</p>
        <ImportForm
          kinds={kinds.map(({ key, label }) => ({ key, label }))}
          encodings={fileEncodings.map((key) => ({ key, label: encodingLabels[key] }))}
          maxBytes={importMaxBytes}
        />
        {watched && <ImportProgress view={watched} />}
        <details className="mt-4 text-sm">
          <summary className="cursor-pointer text-blue-600 dark:text-blue-400">{t("page.columnsTitle")}</summary>
          <ul className="mt-2 space-y-1">
            {kinds.map((k) => (
              <li key={k.key}>
                <span className="font-medium">{t("page.kindColumns", { kind: k.label })}</span>{" "}
                <code className="text-xs">{[...k.required, ...k.optional.map((name) => t("page.optionalColumn", { name }))].join(", ")}</code>
              </li>
            ))}
          </ul>
        </details>
      </section>
      <section className="card mt-6">
        <h2 className="mb-3 font-medium">{t("imports.title")}</h2>
        {recent.length === 0 ? <p className="text-sm text-gray-600 dark:text-gray-400">{t("imports.empty")}</p> : <ImportsTable imports={recent} />}
      </section>
      <section className="card mt-6" aria-labelledby="api-keys-heading">
        <h2 id="api-keys-heading" className="mb-1 font-medium">
          {t("apiKeys.title")}
        </h2>
        <p className="mb-4 text-sm text-gray-600 dark:text-gray-400">{t("apiKeys.intro")}</p>
        <ApiKeys keys={apiKeys} scopes={apiScopes} createApiKey={createApiKeyAction} revokeApiKey={revokeApiKeyAction} />
      </section>
    </>
  );
}
