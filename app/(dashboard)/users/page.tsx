import { getTranslations } from "next-intl/server";
import { changeRoleAction, setDisabledAction, signOutEverywhereAction } from "./actions";
import { UsersTable } from "@/components/users/users-table";
import { PageHeader } from "@/components/ui/page-header";
import { requireArea } from "@/lib/auth/session";
import { roles, usersPage } from "@/lib/auth/page-data";

export async function generateMetadata() {
  return { title: (await getTranslations("users"))("page.title") };
}

export default async function UsersPage() {
  const me = await requireArea("users");
  const [t, tNav] = await Promise.all([getTranslations("users"), getTranslations("nav")]);
  const list = await usersPage();
  return (
    <>
      <PageHeader title={t("page.title")} description={t("page.description")} />
      <section className="card">
        <UsersTable
          users={list}
          me={me.id}
          roles={roles.map((role) => ({ role, label: tNav(`roles.${role}`) }))}
          changeRole={changeRoleAction}
          setDisabled={setDisabledAction}
          signOutEverywhere={signOutEverywhereAction}
        />
      </section>
    </>
  );
}
