import { getTranslations } from "next-intl/server";
import { UsersTable } from "@/components/users/users-table";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/lib/db";
import { roles } from "@/db/schema";
import { requireArea } from "@/lib/auth/session";
import { listUsers } from "@/lib/auth/user-admin";

export async function generateMetadata() {
  return { title: (await getTranslations("users"))("page.title") };
}

export default async function UsersPage() {
  const me = await requireArea("users");
  const [t, tNav] = await Promise.all([getTranslations("users"), getTranslations("nav")]);
  const list = listUsers(getDb());
  return (
    <>
      <PageHeader title={t("page.title")} description={t("page.description")} />
      <section className="card">
        <UsersTable users={list} me={me.id} roles={roles.map((role) => ({ role, label: tNav(`roles.${role}`) }))} />
      </section>
    </>
  );
}
