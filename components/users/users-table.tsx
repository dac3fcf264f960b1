"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { changeRoleAction, setDisabledAction, signOutEverywhereAction } from "@/app/(dashboard)/users/actions";
import { ActionError } from "@/components/ui/action-error";
import { Button } from "@/components/ui/button";
import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import type { Role } from "@/db/schema";
import type { ManagedUser } from "@/lib/auth/user-admin";
import { formatDateTime } from "@/lib/format";

type Failure = { error: string; code: string };
type Result = { ok: true } | ({ ok: false } & Failure);

/** One row per account. Each button sends what the row showed, so a change another admin made meanwhile is refused. */
export function UsersTable({ users, me, roles }: { users: ManagedUser[]; me: number; roles: { role: Role; label: string }[] }) {
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
      <Table testId="users-table" label="Accounts">
        <HeaderRow>
          <Th>Person</Th>
          <Th>Role</Th>
          <Th>Status</Th>
          <Th>Open sessions</Th>
        </HeaderRow>
        <tbody>
          {users.map((u) => {
            const expected = { role: u.role, disabled: u.disabled };
            const self = u.id === me;
            const role = chosen[u.id] ?? u.role;
            return (
              <Tr key={u.id}>
                <Td>
                  <span className="font-medium">{u.name}</span>
                  <span className="block text-xs text-gray-500 dark:text-gray-400">
                    {u.email}
                    {self && " (you)"}
                  </span>
                </Td>
                <Td>
                  <span className="flex items-center gap-2">
                    <select
                      aria-label={`Role of ${u.email}`}
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
                      <Button variant="secondary" className="px-2 py-1 text-xs" disabled={pending} onClick={() => run(() => changeRoleAction({ userId: u.id, expected, role }))}>
                        Change role
                      </Button>
                    )}
                  </span>
                </Td>
                <Td>
                  <span className="flex items-center gap-2">
                    <span data-testid={`status-${u.email}`} className={u.disabled ? "text-red-700 dark:text-red-400" : ""}>
                      {u.disabled ? "disabled" : "active"}
                    </span>
                    {!self && (
                      <Button
                        variant="secondary"
                        className="px-2 py-1 text-xs"
                        disabled={pending}
                        onClick={() => run(() => setDisabledAction({ userId: u.id, expected, disabled: !u.disabled }))}
                      >
                        {u.disabled ? "Enable" : "Disable"}
                      </Button>
                    )}
                  </span>
                </Td>
                <Td>
                  <span className="flex items-center gap-2">
                    <span>
                      {u.openSessions}
                      {u.lastSeenAt && <span className="block text-xs text-gray-500 dark:text-gray-400">last seen {formatDateTime(u.lastSeenAt)}</span>}
                    </span>
                    {u.openSessions > 0 && (
                      <Button
                        variant="secondary"
                        className="px-2 py-1 text-xs"
                        disabled={pending}
                        onClick={() => {
                          if (window.confirm(`End every open session of ${u.email}? They will have to sign in again.`)) run(() => signOutEverywhereAction({ userId: u.id }));
                        }}
                      >
                        Sign out everywhere
                      </Button>
                    )}
                  </span>
                </Td>
              </Tr>
            );
          })}
        </tbody>
      </Table>
    </div>
  );
}
