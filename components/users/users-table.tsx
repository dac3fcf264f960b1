"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { ActionError } from "@/components/ui/action-error";
import { Button } from "@/components/ui/button";
import { Body, HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import type { Role } from "@/lib/auth/roles";
import type { ManagedUser } from "@/lib/auth/user-admin";
import { useFormat } from "@/components/i18n/use-format";

type Failure = { error: string; code: string };

/** The column's name above each value, on a phone only, where the table's header row is hidden. */
const phoneLabel = "block text-xs font-medium text-gray-600 md:hidden dark:text-gray-400";
type Result = { ok: true } | ({ ok: false } & Failure);
/** What the row showed when the admin chose: a change made on a stale page is refused. */
type Expected = { role: Role; disabled: boolean };

/** The page's server actions (app/(dashboard)/users/actions.ts). */
type UserActions = {
  changeRole: (input: { userId: number; expected: Expected; role: Role }) => Promise<Result>;
  setDisabled: (input: { userId: number; expected: Expected; disabled: boolean }) => Promise<Result>;
  signOutEverywhere: (input: { userId: number }) => Promise<Result>;
};

/** One row per account. Each button sends what the row showed, so a change another admin made meanwhile is refused. */
export function UsersTable({
  users,
  me,
  roles,
  changeRole,
  setDisabled,
  signOutEverywhere,
}: { users: ManagedUser[]; me: number; roles: { role: Role; label: string }[] } & UserActions) {
  const t = useTranslations("users.table");
  const f = useFormat();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [failure, setFailure] = useState<Failure | null>(null);
  const [chosen, setChosen] = useState<Record<number, Role>>({});

  const run = (call: () => Promise<Result>) => {
    setFailure(null);
    start(async () => {
      const result = await call();
      if (result.ok) router.refresh();
      else setFailure(result);
    });
  };

  return (
    <div className="flex flex-col gap-3">
      {failure && <ActionError error={failure.error} code={failure.code} reloadHref="/users" />}
      {/* On a phone each account is a stacked block, each value under its own small label; from md up, a table. */}
      <Table testId="users-table" label={t("label")}>
        <HeaderRow stacked>
          <Th>{t("person")}</Th>
          <Th>{t("role")}</Th>
          <Th>{t("account")}</Th>
          <Th>{t("sessions")}</Th>
        </HeaderRow>
        <Body stacked>
          {users.map((u) => {
            const expected = { role: u.role, disabled: u.disabled };
            const self = u.id === me;
            const role = chosen[u.id] ?? u.role;
            return (
              <Tr key={u.id} stacked>
                <Td stacked>
                  <span className="font-medium">{u.name}</span>
                  <span className="block text-xs text-gray-600 dark:text-gray-400">
                    {u.email}
                    {self && ` ${t("you")}`}
                  </span>
                </Td>
                <Td stacked>
                  <span className={phoneLabel}>{t("role")}</span>
                  <span className="flex flex-wrap items-center gap-2">
                    <select
                      aria-label={t("roleOf", { email: u.email })}
                      className="input"
                      value={role}
                      disabled={pending || self}
                      onChange={(e) => setChosen({ ...chosen, [u.id]: e.target.value as Role })}
                    >
                      {roles.map((r) => (
                        <option key={r.role} value={r.role}>
                          {r.label}
                        </option>
                      ))}
                    </select>
                    {role !== u.role && (
                      <Button
                        variant="secondary"
                        className="px-2 py-1 text-xs"
                        disabled={pending}
                        aria-label={t("changeRoleOf", { email: u.email })}
                        onClick={() => run(() => changeRole({ userId: u.id, expected, role }))}
                      >
                        {t("changeRole")}
                      </Button>
                    )}
                    {self && <span className="text-xs text-gray-600 dark:text-gray-400">{t("ownRole")}</span>}
                  </span>
                </Td>
                <Td stacked>
                  <span className={phoneLabel}>{t("account")}</span>
                  <span className="flex flex-wrap items-center gap-2">
                    <span data-testid={`status-${u.email}`} className={u.disabled ? "text-red-700 dark:text-red-400" : ""}>
                      {u.disabled ? t("disabled") : t("active")}
                    </span>
                    {!self && (
                      <Button
                        variant="secondary"
                        className="px-2 py-1 text-xs"
                        disabled={pending}
                        aria-label={t(u.disabled ? "enableUser" : "disableUser", { email: u.email })}
                        onClick={() => run(() => setDisabled({ userId: u.id, expected, disabled: !u.disabled }))}
                      >
                        {u.disabled ? t("enable") : t("disable")}
                      </Button>
                    )}
                  </span>
                </Td>
                <Td stacked>
                  <span className={phoneLabel}>{t("sessions")}</span>
                  <span className="flex flex-wrap items-center gap-2">
                    <span>
                      {t("sessionCount", { count: u.openSessions })}
                      {u.lastSeenAt && <span className="block text-xs text-gray-600 dark:text-gray-400">{t("lastSeen", { at: f.dateTime(u.lastSeenAt) })}</span>}
                    </span>
                    {u.openSessions > 0 && (
                      <Button
                        variant="secondary"
                        className="px-2 py-1 text-xs"
                        disabled={pending}
                        aria-label={t("signOutEverywhereOf", { email: u.email })}
                        onClick={() => {
                          if (window.confirm(t("confirmSignOut", { email: u.email }))) run(() => signOutEverywhere({ userId: u.id }));
                        }}
                      >
                        {t("signOutEverywhere")}
                      </Button>
                    )}
                  </span>
                </Td>
              </Tr>
            );
          })}
        </Body>
      </Table>
    </div>
  );
}
