import { getTranslations } from "next-intl/server";
import { SettingsForm } from "@/components/pricing/settings-form";
import { PricingTabs } from "@/components/pricing/pricing-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireArea } from "@/lib/auth/session";
import { getFormat } from "@/lib/i18n/server";
import { pricingSettingsPage } from "@/lib/pricing/page-data";
import { updateSettingsAction } from "../actions";

export async function generateMetadata() {
  return { title: (await getTranslations("pricing"))("settingsPage.title") };
}

/** The guardrails (models/pricing/guardrails.ts): every recommended or adjusted price meets all of them. */
const guardrails = ["maxChange", "competitor", "floorCeiling", "marginFloor", "priceEnding"] as const;

export default async function PricingSettingsPage() {
  const user = await requireArea("pricing");
  const canEdit = can(user.role, "pricing.decide");
  const t = await getTranslations("pricing");
  const f = await getFormat();
  const { settings, updatedBy, options } = await pricingSettingsPage();
  const when = f.dateTime(settings.updatedAt);

  return (
    <>
      <PageHeader
        title={t("settingsPage.title")}
        description={updatedBy ? t("settingsPage.descriptionBy", { when, who: updatedBy }) : t("settingsPage.description", { when })}
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
            options={options}
            canEdit={canEdit}
            updateSettingsAction={updateSettingsAction}
          />
        </div>
        <section className="card text-sm" aria-labelledby="guardrails-heading">
          <h2 id="guardrails-heading" className="mb-2 font-medium">
            {t("settingsPage.howHeading")}
          </h2>
          <p className="mb-2 text-gray-600 dark:text-gray-400">{t("settingsPage.howIntro")}</p>
          <ul className="mb-2 list-disc space-y-1 pl-5">
            {guardrails.map((g) => (
              <li key={g}>
                <span className="font-medium">{t(`labels.guardrail.${g}`)}</span>: {t(`settingsPage.rule.${g}`)}
              </li>
            ))}
          </ul>
          <p className="mb-2 text-gray-600 dark:text-gray-400">{t("settingsPage.conflict", { cut: f.percent(0.2), allows: f.percent(0.1) })}</p>
          <p className="text-gray-600 dark:text-gray-400">{t("settingsPage.timing")}</p>
        </section>
      </div>
    </>
  );
}
