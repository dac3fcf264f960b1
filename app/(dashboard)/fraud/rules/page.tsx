import { z } from "zod";
import { FraudTabs } from "@/components/fraud/fraud-tabs";
import { RuleForm } from "@/components/fraud/rule-form";
import { RulesTable } from "@/components/fraud/rules-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { can } from "@/lib/auth/permissions";
import { requireArea } from "@/lib/auth/session";
import { listRules } from "@/lib/fraud/rules";

export const metadata = { title: "Fraud rules" };

const precedence = [
  { name: "Allow", text: "an allow-list entry wins over everything: a person vouched for this card, e-mail, device or IP." },
  { name: "Block", text: "otherwise any matching block rule blocks the payment." },
  { name: "Review", text: "otherwise any matching review rule sends it to the queue." },
  { name: "Model", text: "with no rule matching, the model's score against the thresholds decides." },
];

/** `?edit=<id>` opens that rule in the form; anything malformed opens a new rule. */
const searchSchema = z.object({ edit: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined) });

export default async function FraudRulesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireArea("fraud");
  const canDecide = can(user.role, "fraud.decide");
  const { edit } = searchSchema.parse(await searchParams);
  const rules = listRules(getDb());
  const editing = edit === undefined ? undefined : rules.find((r) => r.id === edit);

  return (
    <>
      <PageHeader title="Fraud rules" description="Analysts' list entries, velocity and amount limits, applied with the model to every payment scored from now on." />
      <FraudTabs active="rules" />
      <div className="mb-4 grid gap-4 lg:grid-cols-3">
        <div className="lg:col-span-2">
          {canDecide ? (
            <>
              {edit !== undefined && !editing && (
                <p role="status" className="mb-2 text-sm text-amber-800 dark:text-amber-300">
                  There is no rule {edit} to edit; the form below adds a new rule.
                </p>
              )}
              {/* Keyed by the rule: opening another rule starts a fresh draft; a save keeps this one with the new version. */}
              <RuleForm key={editing?.id ?? "new"} rule={editing} />
            </>
          ) : (
            <p className="card text-sm text-gray-600 dark:text-gray-400">Read-only: only risk analysts create and change rules.</p>
          )}
        </div>
        <section className="card text-sm" aria-labelledby="precedence-heading">
          <h2 id="precedence-heading" className="mb-2 font-medium">
            Which rule wins
          </h2>
          <ol className="list-decimal space-y-1 pl-5">
            {precedence.map((p) => (
              <li key={p.name}>
                <span className="font-medium">{p.name}</span>: {p.text}
              </li>
            ))}
          </ol>
          <p className="mt-2 text-gray-600 dark:text-gray-400">Among rules with the same action, the oldest is named as the one that decided. A deleted rule is deactivated, never removed: past scores keep naming it.</p>
        </section>
      </div>
      <section className="card" aria-labelledby="rules-heading">
        <h2 id="rules-heading" className="mb-3 font-medium">
          Rules
        </h2>
        {rules.length === 0 ? <EmptyState title="No rules yet">The model alone decides until an analyst adds a rule.</EmptyState> : <RulesTable rules={rules} canDecide={canDecide} editingId={editing?.id} />}
      </section>
    </>
  );
}
