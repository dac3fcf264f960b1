import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { FraudTabs } from "@/components/fraud/fraud-tabs";
import { RuleForm } from "@/components/fraud/rule-form";
import { RulesTable } from "@/components/fraud/rules-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireArea } from "@/lib/auth/session";
import { fraudRulesPage } from "@/lib/fraud/page-data";
import { deleteRuleAction, previewRuleAction, saveRuleAction, toggleRuleAction, updateRuleAction } from "../actions";

export async function generateMetadata() {
  return { title: (await getTranslations("fraud"))("rules.title") };
}

const precedence = ["allow", "block", "review", "model"] as const;

/** `?edit=<id>` opens that rule in the form; anything malformed opens a new rule. */
const searchSchema = z.object({ edit: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined) });

export default async function FraudRulesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireArea("fraud");
  const t = await getTranslations("fraud.rules");
  const canDecide = can(user.role, "fraud.decide");
  const { edit } = searchSchema.parse(await searchParams);
  const rules = await fraudRulesPage();
  const editing = edit === undefined ? undefined : rules.find((r) => r.id === edit);

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <FraudTabs active="rules" />
      <div className="mb-4 grid gap-4 lg:grid-cols-3">
        <div className="lg:col-span-2">
          {canDecide ? (
            <>
              {edit !== undefined && !editing && (
                <p role="status" className="mb-2 text-sm text-amber-800 dark:text-amber-300">
                  {t("noSuchRule", { id: edit })}
                </p>
              )}
              {/* Keyed by the rule: opening another rule starts a fresh draft; a save keeps this one with the new version. */}
              <RuleForm key={editing?.id ?? "new"} rule={editing} actions={{ preview: previewRuleAction, save: saveRuleAction, update: updateRuleAction }} />
            </>
          ) : (
            <p className="card text-sm text-gray-600 dark:text-gray-400">{t("readOnly")}</p>
          )}
        </div>
        <section className="card text-sm" aria-labelledby="precedence-heading">
          <h2 id="precedence-heading" className="mb-2 font-medium">
            {t("precedenceHeading")}
          </h2>
          <ol className="list-decimal space-y-1 pl-5">
            {precedence.map((p) => (
              <li key={p}>{t.rich(`precedence.${p}`, { b: (chunks) => <span className="font-medium">{chunks}</span> })}</li>
            ))}
          </ol>
          <p className="mt-2 text-gray-600 dark:text-gray-400">{t("precedenceNote")}</p>
        </section>
      </div>
      <section className="card" aria-labelledby="rules-heading">
        <h2 id="rules-heading" className="mb-3 font-medium">
          {t("heading")}
        </h2>
        {rules.length === 0 ? <EmptyState title={t("emptyTitle")}>{t("emptyBody")}</EmptyState> : <RulesTable rules={rules} canDecide={canDecide} editingId={editing?.id} actions={{ toggle: toggleRuleAction, remove: deleteRuleAction }} />}
      </section>
    </>
  );
}
