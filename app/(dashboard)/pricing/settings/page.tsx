import { eq } from "drizzle-orm";
import Link from "next/link";
import { SettingsForm } from "@/components/pricing/settings-form";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { competitorRules, priceEndings, pricingObjectives, users } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import { requireArea } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { getPricingSettings } from "@/lib/pricing/settings";

export const metadata = { title: "Pricing guardrails" };

/** The order the optimiser applies the guardrails in (models/pricing/optimizer.ts, GUARDRAIL_ORDER). */
const order = [
  { name: "Max change", text: "at most X % up or down from the current price in one step." },
  { name: "Competitor", text: "at most X % above the cheapest competitor, or within X % of their average." },
  { name: "Floor / ceiling", text: "a product's own limits, set on its pricing page; they override the two rules above." },
  { name: "Price ending", text: "only prices ending in .99, .95 or whole dollars, as chosen." },
  { name: "Margin floor", text: "(price − cost) / price at least the minimum margin. It applies last, so it always wins: no rule above can push a price below it." },
];

export default async function PricingSettingsPage() {
  const user = await requireArea("pricing");
  const canEdit = can(user.role, "pricing.decide");
  const db = getDb();
  const settings = getPricingSettings(db);
  const updatedBy = settings.updatedBy === null ? null : (db.select({ email: users.email }).from(users).where(eq(users.id, settings.updatedBy)).get()?.email ?? null);

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/pricing" className="text-blue-600 hover:underline dark:text-blue-400">
          ← All recommendations
        </Link>
      </p>
      <PageHeader
        title="Pricing guardrails"
        description={`The rules every recommendation and every adjusted price must keep. Last changed ${formatDateTime(settings.updatedAt)}${updatedBy ? ` by ${updatedBy}` : ""}.`}
      />
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <SettingsForm
            values={{
              objective: settings.objective,
              maxChangePct: settings.maxChangePct,
              competitorRule: settings.competitorRule,
              competitorPct: settings.competitorPct,
              priceEnding: settings.priceEnding,
              minMarginPct: settings.minMarginPct,
              secondApprovalPct: settings.secondApprovalPct,
              version: settings.version,
            }}
            options={{ objectives: pricingObjectives, competitorRules, priceEndings }}
            canEdit={canEdit}
          />
        </div>
        <section className="card text-sm" aria-labelledby="order-heading">
          <h2 id="order-heading" className="mb-2 font-medium">
            How the guardrails apply
          </h2>
          <p className="mb-2 text-gray-600 dark:text-gray-400">The optimiser finds the best price for the objective, then applies the guardrails in this order; when two conflict, the later one wins.</p>
          <ol className="mb-3 list-decimal space-y-1 pl-5">
            {order.map((o) => (
              <li key={o.name}>
                <span className="font-medium">{o.name}</span>: {o.text}
              </li>
            ))}
          </ol>
          <p className="text-gray-600 dark:text-gray-400">
            New settings apply at the next refresh of the recommendations; the recommendations on screen keep the guardrails they were made with. An adjusted price is checked
            against today&apos;s settings when it is approved.
          </p>
        </section>
      </div>
    </>
  );
}
