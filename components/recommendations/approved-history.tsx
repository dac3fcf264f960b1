import { getTranslations } from "next-intl/server";
import { ActionButton } from "@/components/ui/action-button";
import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import type { HistoryEntry } from "@/lib/recommendations/overview";
import type { PlacementCode, RollbackPlacementAction } from "@/lib/recommendations/types";
import { serverWords } from "./server-words";

/**
 * The placement's approved versions, newest (live) first. A merchandiser may serve an older one again: the rollback
 * is approved as a new version, so the history only grows (`rollback`, the page's server action).
 */
export async function ApprovedHistory({
  placement,
  rows,
  canRollback,
  rollback,
}: {
  placement: PlacementCode;
  rows: HistoryEntry[];
  canRollback: boolean;
  rollback: RollbackPlacementAction;
}) {
  const t = await getTranslations("recommendations");
  const { f, text, rule } = await serverWords();
  const live = rows[0]?.version ?? 0;
  // Rollbacks approved before the note was left out carry the English note; it is worded like a new one.
  const note = (v: HistoryEntry) =>
    v.restoredFrom && (v.note === null || v.note === `Rollback to version ${v.restoredFrom}`) ? t("approved.rollbackNote", { version: v.restoredFrom }) : (v.note ?? t("none"));
  return (
    <Table testId="approved-versions">
      <HeaderRow>
        <Th>{t("approved.version")}</Th>
        <Th>{t("approved.approved")}</Th>
        <Th>{t("approved.model")}</Th>
        <Th>{t("approved.rules")}</Th>
        <Th numeric>{t("approved.itemsShown")}</Th>
        <Th>{t("approved.note")}</Th>
        {canRollback && <Th>{t("approved.actions")}</Th>}
      </HeaderRow>
      <tbody>
        {rows.map((v) => (
          <Tr key={v.version}>
            <Td className="font-medium">
              {t("versionName", { version: v.version })}
              {v.version === live && <span className="block text-xs font-normal text-green-700 dark:text-green-400">{t("approved.live")}</span>}
            </Td>
            <Td>
              {v.approvedBy}
              <span className="block text-xs text-gray-500 dark:text-gray-400">{f.dateTime(v.approvedAt)}</span>
            </Td>
            <Td>{text(v.model)}</Td>
            <Td className="text-xs">{v.rules.length ? v.rules.map(rule).join(" · ") : t("approved.noRules")}</Td>
            <Td numeric>{f.integer(v.n)}</Td>
            <Td className="text-xs">{note(v)}</Td>
            {canRollback && (
              <Td>
                {v.version < live && (
                  <ActionButton
                    run={rollback.bind(null, { placement, toVersion: v.version, expectedVersion: live })}
                    confirm={t("approved.confirm", { version: v.version, next: live + 1 })}
                    testId={`rollback-${v.version}`}
                  >
                    {t("approved.rollback")}
                  </ActionButton>
                )}
              </Td>
            )}
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
