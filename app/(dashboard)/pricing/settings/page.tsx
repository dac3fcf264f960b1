import { eq } from "drizzle-orm";
import { SettingsForm } from "@/components/pricing/settings-form";
import { PricingTabs } from "@/components/pricing/pricing-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { competitorRules, priceEndings, pricingObjectives, users } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import { requireArea } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { getPricingSettings } from "@/lib/pricing/settings";

export const metadata = { title: "Pricing guardrails" };

/** The guardrails (models/pricing/guardrails.ts): every recommended or adjusted price meets all of them. */
const guardrails = [
  { name: "Max change", text: "at most X % up or down from the current price in one step." },
  { name: "Competitor", text: "at most X % above the cheapest competitor, or within X % of their average." },
  { name: "Floor / ceiling", text: "a product's own limits, set on its pricing page." },
  { name: "Margin floor", text: "(price − cost) / price at least the minimum margin." },
  { name: "Price ending", text: "only prices ending in .99, .95 or whole dollars, as chosen, among those the rules above allow." },
];

export default async function PricingSettingsPage() {
  const user = await requireArea("pricing");
  const canEdit = can(user.role, "pricing.decide");
  const db = getDb();
  const settings = getPricingSettings(db);
  const updatedBy = settings.updatedBy === null ? null : (db.select({ email: users.email }).from(users).where(eq(users.id, settings.updatedBy)).get()?.email ?? null);

  return (
    <>
      <PageHeader
        title="Pricing guardrails"
        description={`The rules every recommendation and every adjusted price must keep. Last changed ${formatDateTime(settings.updatedAt)}${updatedBy ? ` by ${updatedBy}` : ""}.`}
      />
      <PricingTabs active="settings" />
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
        <section className="card text-sm" aria-labelledby="guardrails-heading">
          <h2 id="guardrails-heading" className="mb-2 font-medium">
            How the guardrails apply
          </h2>
          <p className="mb-2 text-gray-600 dark:text-gray-400">
            The optimiser recommends the best price for the objective among the prices that meet every guardrail; none overrides another.
          </p>
          <ul className="mb-2 list-disc space-y-1 pl-5">
            {guardrails.map((o) => (
              <li key={o.name}>
                <span className="font-medium">{o.name}</span>: {o.text}
              </li>
            ))}
          </ul>
          <p className="mb-2 text-gray-600 dark:text-gray-400">
            When no price meets them all (say the competitor rule needs a 20&nbsp;% cut and the max change allows 10&nbsp;%, even when the current price is already out of
            bounds), the recommendation keeps the current price and is marked &ldquo;Guardrails conflict&rdquo; with the guardrails named: a merchandiser adjusts, rejects, or
            changes a guardrail. The max change never yields on its own: a larger step is a person&apos;s decision.
          </p>
          <p className="text-gray-600 dark:text-gray-400">
            New settings apply at the next refresh of the recommendations; the recommendations on screen keep the guardrails they were made with. An adjusted price is checked
            against today&apos;s settings when it is approved.
          </p>
        </section>
      </div>
    </>
  );
}
