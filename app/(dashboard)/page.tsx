import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { currentInbox } from "@/components/inbox/current-inbox";
import { InboxView } from "@/components/inbox/inbox-view";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireArea } from "@/lib/auth/session";
import type { Inbox } from "@/lib/inbox";
import { acknowledgeDriftAction, dismissFailedJobAction, dismissVersionAction, retryFailedJobAction } from "./inbox-actions";

export async function generateMetadata() {
  return { title: (await getTranslations("inbox"))("title") };
}

// The landing page after sign-in: what waits for this person's decision, each item linking to where it is decided.
export default async function MyWorkPage() {
  const user = await requireArea("inbox");
  const t = await getTranslations("inbox");
  let inbox: Inbox;
  try {
    inbox = await currentInbox(user.id, user.role);
  } catch (error) {
    // One failing query should not leave a person without a landing page: say so, and point to the areas.
    console.error(error);
    return (
      <>
        <PageHeader title={t("title")} />
        <EmptyState title={t("failed.title")}>
          <p>{t("failed.body")}</p>
          <p className="mt-2">
            <Link href="/" className="text-blue-700 underline dark:text-blue-300">
              {t("failed.retry")}
            </Link>
          </p>
        </EmptyState>
      </>
    );
  }

  return (
    <>
      <PageHeader title={t("title")} description={t(`descriptions.${user.role}`)} />
      {user.role === "viewer" || inbox.total === 0 ? (
        <EmptyState title={user.role === "viewer" ? t("empty.viewerTitle") : t("empty.doneTitle")}>
          <p>{user.role === "viewer" ? t("empty.viewerBody") : t("empty.doneBody")}</p>
          <p className="mt-2">
            <Link href="/overview" className="text-blue-700 underline dark:text-blue-300">
              {t("empty.overview")}
            </Link>
          </p>
        </EmptyState>
      ) : (
        <InboxView
          inbox={inbox}
          decisions={{ retryFailedJob: retryFailedJobAction, dismissFailedJob: dismissFailedJobAction, acknowledgeDrift: acknowledgeDriftAction, dismissVersion: dismissVersionAction }}
        />
      )}
    </>
  );
}
