"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import type { ActionResult } from "@/lib/action";
import type { ApiKeySummary } from "@/lib/api-keys";
import { apiScopeEndpoints, type ApiScope } from "@/lib/api-scopes";
import { useFormat } from "@/components/i18n/use-format";

/**
 * Machine credentials for /api/v1 (the fraud scoring endpoint): create one per calling system, copy it once (only its
 * hash is stored), revoke it when the system is retired or the key leaks.
 */
export function ApiKeys({
  keys,
  scopes,
  createApiKey,
  revokeApiKey,
}: {
  keys: ApiKeySummary[];
  scopes: readonly ApiScope[];
  /** The page's server actions (app/(dashboard)/data/api-keys-actions.ts). */
  createApiKey: (input: { name: string; scopes?: ApiScope[] }) => Promise<ActionResult<{ key: string; apiKey: ApiKeySummary }>>;
  revokeApiKey: (input: { id: number }) => Promise<ActionResult<ApiKeySummary>>;
}) {
  const t = useTranslations("data.apiKeys");
  const f = useFormat();
  const router = useRouter();
  const id = useId();
  const [name, setName] = useState("");
  const [chosen, setChosen] = useState<ApiScope[]>(scopes.slice(0, 1));
  const [created, setCreated] = useState<{ key: string; name: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  const create = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    setCreated(null);
    start(async () => {
      const r = await createApiKey({ name, scopes: chosen });
      if (r.ok) {
        setCreated({ key: r.data.key, name: r.data.apiKey.name });
        setName("");
        router.refresh();
      } else setError(r.fieldErrors?.name?.join(" ") ?? r.error);
    });
  };

  const revoke = (key: ApiKeySummary) => {
    if (!window.confirm(t("confirmRevoke", { name: key.name, prefix: key.prefix }))) return;
    setError(null);
    // A key shown once and now revoked is of no use to copy.
    if (created?.name === key.name) setCreated(null);
    start(async () => {
      const r = await revokeApiKey({ id: key.id });
      if (r.ok) router.refresh();
      else setError(r.error);
    });
  };

  return (
    <div className="flex flex-col gap-4" data-testid="api-keys">
      <form onSubmit={create} className="flex flex-wrap items-end gap-3" aria-label={t("createLabel")} noValidate>
        <label htmlFor={`${id}-name`} className="flex flex-col gap-1 text-sm font-medium">
          {t("name")}
          <input id={`${id}-name`} className="input w-72" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} placeholder={t("namePlaceholder")} />
        </label>
        <Button type="submit" disabled={pending}>
          {pending ? t("working") : t("create")}
        </Button>
        <fieldset className="flex flex-col gap-1 text-sm">
          <legend className="font-medium">{t("scopes")}</legend>
          {scopes.map((scope) => (
            <label key={scope} className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={chosen.includes(scope)}
                onChange={(e) => setChosen((now) => (e.target.checked ? [...now, scope] : now.filter((s) => s !== scope)))}
              />
              <span>
                {scope} <span className="text-xs text-gray-500 dark:text-gray-400">({apiScopeEndpoints[scope]})</span>
              </span>
            </label>
          ))}
        </fieldset>
      </form>
      {created && (
        <div role="status" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-700 dark:bg-amber-950/40" data-testid="new-api-key">
          <p className="font-medium">{t("created", { name: created.name })}</p>
          <code className="mt-1 block break-all font-mono text-xs select-all">{created.key}</code>
          <p className="mt-1 text-xs text-gray-600 dark:text-gray-400">{t("howToUse")}</p>
        </div>
      )}
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      {keys.length === 0 ? (
        <p className="text-sm text-gray-600 dark:text-gray-400">{t("empty")}</p>
      ) : (
        <Table testId="api-keys-table" label={t("title")}>
          <HeaderRow>
            <Th>{t("columns.name")}</Th>
            <Th>{t("columns.prefix")}</Th>
            <Th>{t("scopes")}</Th>
            <Th>{t("columns.created")}</Th>
            <Th>{t("columns.state")}</Th>
            <Th>{t("columns.change")}</Th>
          </HeaderRow>
          <tbody>
            {keys.map((k) => (
              <Tr key={k.id}>
                <Td className="font-medium">{k.name}</Td>
                <Td className="font-mono text-xs">{k.prefix}</Td>
                <Td className="text-xs">{k.scopes.join(", ")}</Td>
                <Td className="whitespace-nowrap text-xs">
                  {f.dateTime(k.createdAt)}
                  <span className="block text-gray-500 dark:text-gray-400">{k.createdBy ?? "–"}</span>
                </Td>
                <Td className="text-xs">{k.revokedAt ? <span className="text-red-700 dark:text-red-400">{t("revokedAt", { at: f.dateTime(k.revokedAt) })}</span> : t("active")}</Td>
                <Td>
                  {!k.revokedAt && (
                    <Button type="button" variant="secondary" className="px-2 py-1 text-xs" disabled={pending} aria-label={t("revokeLabel", { name: k.name })} onClick={() => revoke(k)}>
                      {t("revoke")}
                    </Button>
                  )}
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
}
