import { getTranslations } from "next-intl/server";
import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import type { FraudRule, RuleRowActions } from "@/lib/fraud/types";
import { getFormat, getTranslator } from "@/lib/i18n/server";
import { BacktestSummary } from "./backtest-summary";
import { describeRule } from "./describe-rule";
import { RuleActions } from "./rule-actions";

export type RuleRow = FraudRule & { createdByEmail: string | null };

const actionTone: Record<string, string> = {
  allow: "text-green-700 dark:text-green-400",
  review: "text-amber-800 dark:text-amber-300",
  block: "text-red-700 dark:text-red-400",
};

/** The analysts' rules, active first, with the backtest stored when each was saved; `editingId` is the rule in the form. */
export async function RulesTable({ rules, canDecide, editingId, actions }: { rules: RuleRow[]; canDecide: boolean; editingId?: number; actions: RuleRowActions }) {
  const [t, f, words] = await Promise.all([getTranslations("fraud"), getFormat(), getTranslator()]);
  return (
    <Table testId="rules-table">
      <HeaderRow>
        <Th>{t("rules.columns.rule")}</Th>
        <Th>{t("rules.columns.kind")}</Th>
        <Th>{t("rules.columns.matches")}</Th>
        <Th>{t("rules.columns.action")}</Th>
        <Th>{t("rules.columns.state")}</Th>
        <Th>{t("rules.columns.backtest")}</Th>
        <Th>{t("rules.columns.created")}</Th>
        {canDecide && <Th>{t("rules.columns.change")}</Th>}
      </HeaderRow>
      <tbody>
        {rules.map((r) => (
          <Tr key={r.id}>
            <Td className="font-medium">{r.name}</Td>
            <Td className="text-xs">{t(`ruleKind.${r.kind}`)}</Td>
            <Td className="text-xs">
              <span className={r.kind === "list" ? "font-mono" : ""}>{words(describeRule(r).key, describeRule(r).values)}</span>
            </Td>
            <Td className={`font-medium ${actionTone[r.action] ?? ""}`}>{t(`decision.${r.action}`)}</Td>
            <Td className="text-xs">{r.active ? t("rules.active") : <span className="text-gray-500 dark:text-gray-400">{t("rules.inactive")}</span>}</Td>
            <Td>{r.backtest ? <BacktestSummary backtest={r.backtest} compact /> : <span className="text-xs text-gray-500 dark:text-gray-400">–</span>}</Td>
            <Td className="whitespace-nowrap text-xs">
              {r.createdByEmail ?? t("rules.theSystem")}
              <span className="block text-gray-500 dark:text-gray-400">{f.dateTime(r.createdAt)}</span>
            </Td>
            {canDecide && (
              <Td>
                <RuleActions {...actions} id={r.id} name={r.name} version={r.version} active={r.active} editing={r.id === editingId} />
              </Td>
            )}
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
