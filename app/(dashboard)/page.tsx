import Link from "next/link";
import { currentInbox } from "@/components/inbox/current-inbox";
import { InboxView } from "@/components/inbox/inbox-view";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireArea } from "@/lib/auth/session";
import type { Inbox } from "@/lib/inbox";

export const metadata = { title: "My work" };

const descriptions = {
  planner: "Forecast exceptions and plans waiting for your review, the most urgent first.",
  merchandiser: "Prices, review summaries and recommendation placements waiting for your approval.",
  risk_analyst: "Fraud cases waiting for a decision, overdue ones first.",
  admin: "Failed jobs, drift alerts and model versions waiting for you.",
  viewer: "What waits for a decision from you.",
} as const;

// The landing page after sign-in: what waits for this person's decision, each item linking to where it is decided.
export default async function MyWorkPage() {
  const user = await requireArea("inbox");
  let inbox: Inbox;
  try {
    inbox = currentInbox(user.id, user.role);
  } catch (error) {
    // One failing query should not leave a person without a landing page: say so, and point to the areas.
    console.error(error);
    return (
      <>
        <PageHeader title="My work" />
        <EmptyState title="Your work list could not be loaded">
          <p>Something went wrong on the server and it has been logged. The areas in the menu still show everything to decide.</p>
          <p className="mt-2">
            <Link href="/" className="text-blue-700 underline dark:text-blue-300">
              Try again
            </Link>
          </p>
        </EmptyState>
      </>
    );
  }

  return (
    <>
      <PageHeader title="My work" description={descriptions[user.role]} />
      {user.role === "viewer" || inbox.total === 0 ? (
        <EmptyState title={user.role === "viewer" ? "Nothing here needs a decision from you" : "You are all caught up"}>
          <p>{user.role === "viewer" ? "Your role views the store's numbers without deciding on them." : "Nothing waits for your decision right now. New items appear here as the models publish them."}</p>
          <p className="mt-2">
            <Link href="/overview" className="text-blue-700 underline dark:text-blue-300">
              Go to the Overview
            </Link>
          </p>
        </EmptyState>
      ) : (
        <InboxView inbox={inbox} />
      )}
    </>
  );
}
