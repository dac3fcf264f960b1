import { UsersTable } from "@/components/users/users-table";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { roles } from "@/db/schema";
import { roleLabels } from "@/lib/auth/permissions";
import { requireArea } from "@/lib/auth/session";
import { listUsers } from "@/lib/auth/user-admin";

export const metadata = { title: "Users" };

export default async function UsersPage() {
  const me = await requireArea("users");
  const list = listUsers(getDb());
  return (
    <>
      <PageHeader
        title="Users"
        description="Change a role, disable an account or end its sessions. Each change ends the person's open sessions at once and is written to the audit log."
      />
      <section className="card">
        <UsersTable users={list} me={me.id} roles={roles.map((role) => ({ role, label: roleLabels[role] }))} />
      </section>
    </>
  );
}
