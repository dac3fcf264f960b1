import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import type { PlacementSummary } from "@/lib/recommendations/overview";
import { linkClass } from "./format";
import { serverWords } from "./server-words";

/** The four placements: what the storefront serves (the live version), and whether the draft would change it. */
export async function PlacementsTable({ rows }: { rows: PlacementSummary[] }) {
  const t = await getTranslations("recommendations");
  const { f, text, rule } = await serverWords();
  return (
    <Table testId="placements">
      <HeaderRow>
        <Th>{t("placementsTable.placement")}</Th>
        <Th>{t("placementsTable.liveVersion")}</Th>
        <Th>{t("placementsTable.draft")}</Th>
        <Th>{t("placementsTable.model")}</Th>
        <Th>{t("placementsTable.rules")}</Th>
        <Th numeric>{t("placementsTable.itemsShown")}</Th>
      </HeaderRow>
      <tbody>
        {rows.map((p) => (
          <Tr key={p.code}>
            <Td>
              <Link href={`/recommendations/placements/${p.code}`} className={`font-medium ${linkClass}`}>
                {t(`placements.${p.code}.label`)}
              </Link>
              <span className="block text-xs text-gray-500 dark:text-gray-400">{t(`placements.${p.code}.description`)}</span>
            </Td>
            <Td>
              {p.live ? (
                <>
                  <span className="font-medium">{t("versionName", { version: p.live.version })}</span>
                  <span className="block text-xs text-gray-500 dark:text-gray-400">{t("placementsTable.approvedBy", { user: p.live.approvedBy, at: f.dateTime(p.live.approvedAt) })}</span>
                </>
              ) : (
                <span className="text-amber-700 dark:text-amber-400">{t("placementsTable.notApproved")}</span>
              )}
            </Td>
            <Td>
              {!p.live ? (
                <span className="text-gray-500 dark:text-gray-400">{p.draft.revision === 0 ? t("placementsTable.defaultRules") : t("placementsTable.revision", { revision: p.draft.revision })}</span>
              ) : p.draftDiffers ? (
                <span className="text-amber-700 dark:text-amber-400">{t("placementsTable.differs")}</span>
              ) : (
                <span className="text-gray-500 dark:text-gray-400">{t("placementsTable.same")}</span>
              )}
              {p.draft.updatedBy && p.draft.updatedAt && (
                <span className="block text-xs text-gray-500 dark:text-gray-400">{t("placementsTable.editedBy", { user: p.draft.updatedBy, at: f.dateTime(p.draft.updatedAt) })}</span>
              )}
            </Td>
            <Td>{text(p.model)}</Td>
            <Td className="text-xs">{p.rules.length ? p.rules.map(rule).join(" · ") : t("placementsTable.noRules")}</Td>
            <Td numeric>{f.integer(p.live?.n ?? p.draft.n)}</Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
