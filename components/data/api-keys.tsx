"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { createApiKeyAction, revokeApiKeyAction } from "@/app/(dashboard)/data/api-keys-actions";
import { Button } from "@/components/ui/button";
import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import type { ApiKeySummary } from "@/lib/api-keys";
import { apiScopeEndpoints, type ApiScope } from "@/lib/api-scopes";

const when = (d: Date) => d.toISOString().replace("T", " ").slice(0, 16) + " UTC";

/**
 * Machine credentials for /api/v1 (the fraud scoring endpoint): create one per calling system, copy it once (only its
 * hash is stored), revoke it when the system is retired or the key leaks.
 */
export function ApiKeys({ keys, scopes }: { keys: ApiKeySummary[]; scopes: readonly ApiScope[] }) {
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
      const r = await createApiKeyAction({ name, scopes: chosen });
      if (r.ok) {
        setCreated({ key: r.data.key, name: r.data.apiKey.name });
        setName("");
        router.refresh();
      } else setError(r.fieldErrors?.name?.join(" ") ?? r.error);
    });
  };

  const revoke = (key: ApiKeySummary) => {
    if (!window.confirm(`Revoke the key '${key.name}' (${key.prefix})? Systems using it are refused from then on.`)) return;
    setError(null);
    // A key shown once and now revoked is of no use to copy.
    if (created?.name === key.name) setCreated(null);
    start(async () => {
      const r = await revokeApiKeyAction({ id: key.id });
      if (r.ok) router.refresh();
      else setError(r.error);
    });
  };

  return (
    <div className="flex flex-col gap-4" data-testid="api-keys">
      <form onSubmit={create} className="flex flex-wrap items-end gap-3" aria-label="Create an API key" noValidate>
        <label htmlFor={`${id}-name`} className="flex flex-col gap-1 text-sm font-medium">
          Key name
          <input id={`${id}-name`} className="input w-72" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} placeholder="e.g. checkout service" />
        </label>
        <Button type="submit" disabled={pending}>
          {pending ? "Working…" : "Create API key"}
        </Button>
        <fieldset className="flex flex-col gap-1 text-sm">
          <legend className="font-medium">Scopes</legend>
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
          <p className="font-medium">Key &apos;{created.name}&apos; created. Copy it now: it is not shown again.</p>
          <code className="mt-1 block break-all font-mono text-xs select-all">{created.key}</code>
          <p className="mt-1 text-xs text-gray-600 dark:text-gray-400">Send it as the header Authorization: Bearer &lt;key&gt; to the endpoints of its scopes.</p>
        </div>
      )}
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      {keys.length === 0 ? (
        <p className="text-sm text-gray-600 dark:text-gray-400">No API key has been created yet.</p>
      ) : (
        <Table testId="api-keys-table" label="API keys">
          <HeaderRow>
            <Th>Name</Th>
            <Th>Prefix</Th>
            <Th>Scopes</Th>
            <Th>Created</Th>
            <Th>State</Th>
            <Th>Change</Th>
          </HeaderRow>
          <tbody>
            {keys.map((k) => (
              <Tr key={k.id}>
                <Td className="font-medium">{k.name}</Td>
                <Td className="font-mono text-xs">{k.prefix}</Td>
                <Td className="text-xs">{k.scopes.join(", ")}</Td>
                <Td className="whitespace-nowrap text-xs">
                  {when(k.createdAt)}
                  <span className="block text-gray-500 dark:text-gray-400">{k.createdBy ?? "–"}</span>
                </Td>
                <Td className="text-xs">{k.revokedAt ? <span className="text-red-700 dark:text-red-400">revoked {when(k.revokedAt)}</span> : "active"}</Td>
                <Td>
                  {!k.revokedAt && (
                    <Button type="button" variant="secondary" className="px-2 py-1 text-xs" disabled={pending} aria-label={`Revoke ${k.name}`} onClick={() => revoke(k)}>
                      Revoke
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
