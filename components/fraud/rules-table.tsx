import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import type { FraudRule } from "@/db/schema";
import { formatDateTime } from "@/lib/format";
import { BacktestSummary } from "./backtest-summary";
import { describeRule, ruleKindLabels } from "./format";
import { RuleActions } from "./rule-actions";

export type RuleRow = FraudRule & { createdByEmail: string | null };

const actionTone: Record<string, string> = {
  allow: "text-green-700 dark:text-green-400",
  review: "text-amber-800 dark:text-amber-300",
  block: "text-red-700 dark:text-red-400",
};

/** The analysts' rules, active first, with the backtest stored when each was saved; `editingId` is the rule in the form. */
export function RulesTable({ rules, canDecide, editingId }: { rules: RuleRow[]; canDecide: boolean; editingId?: number }) {
  return (
    <Table testId="rules-table">
      <HeaderRow>
        <Th>Rule</Th>
        <Th>Kind</Th>
        <Th>Matches</Th>
        <Th>Action</Th>
        <Th>State</Th>
        <Th>Backtest when saved</Th>
        <Th>Created</Th>
        {canDecide && <Th>Change</Th>}
      </HeaderRow>
      <tbody>
        {rules.map((r) => (
          <Tr key={r.id}>
            <Td className="font-medium">{r.name}</Td>
            <Td className="text-xs">{ruleKindLabels[r.kind] ?? r.kind}</Td>
            <Td className="text-xs">
              <span className={r.kind === "list" ? "font-mono" : ""}>{describeRule(r)}</span>
            </Td>
            <Td className={`font-medium ${actionTone[r.action] ?? ""}`}>{r.action}</Td>
            <Td className="text-xs">{r.active ? "active" : <span className="text-gray-500 dark:text-gray-400">inactive</span>}</Td>
            <Td>{r.backtest ? <BacktestSummary backtest={r.backtest} compact /> : <span className="text-xs text-gray-500 dark:text-gray-400">–</span>}</Td>
            <Td className="whitespace-nowrap text-xs">
              {r.createdByEmail ?? "the system"}
              <span className="block text-gray-500 dark:text-gray-400">{formatDateTime(r.createdAt)}</span>
            </Td>
            {canDecide && (
              <Td>
                <RuleActions id={r.id} name={r.name} version={r.version} active={r.active} editing={r.id === editingId} />
              </Td>
            )}
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
