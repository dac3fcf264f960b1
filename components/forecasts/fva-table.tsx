import { getTranslations } from "next-intl/server";
import { Foot, HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import type { Format } from "@/lib/format";
import type { FvaRow } from "@/lib/forecasts/fva";
import { getFormat } from "@/lib/i18n/server";

function Fva({ value, f }: { value: number | null; f: Format }) {
  // Positive: the overrides landed closer to what sold than the model did.
  const tone = value === null || value === 0 ? "text-gray-500 dark:text-gray-400" : value > 0 ? "text-green-700 dark:text-green-400" : "text-red-600 dark:text-red-400";
  return <span className={`font-medium ${tone}`}>{f.signedPercent(value, 1)}</span>;
}

/** Per planner, and for all planners together (pooled over weeks, not an average of the planners' FVA). */
export async function FvaTable({ rows }: { rows: FvaRow[] }) {
  const t = await getTranslations("forecasts.fva");
  const f = await getFormat();
  // Mean absolute errors are units per week: one decimal below 10, whole numbers above.
  const mae = (v: number) => f.units(v);
  const weeks = rows.reduce((s, r) => s + r.weeks, 0);
  const modelAbs = rows.reduce((s, r) => s + r.modelMae * r.weeks, 0);
  const overrideAbs = rows.reduce((s, r) => s + r.overrideMae * r.weeks, 0);
  const improved = rows.reduce((s, r) => s + r.improved, 0);
  return (
    <Table testId="fva-table">
      <HeaderRow>
        <Th>{t("planner")}</Th>
        <Th numeric>{t("weeksScored")}</Th>
        <Th numeric>
          <span title={t("modelErrorTitle")}>{t("modelError")}</span>
        </Th>
        <Th numeric>
          <span title={t("overrideErrorTitle")}>{t("overrideError")}</span>
        </Th>
        <Th numeric>
          <span title={t("valueAddedTitle")}>{t("valueAdded")}</span>
        </Th>
        <Th numeric>{t("weeksImproved")}</Th>
      </HeaderRow>
      <tbody>
        {rows.map((r) => (
          <Tr key={r.planner}>
            <Td>{r.planner}</Td>
            <Td numeric>{f.integer(r.weeks)}</Td>
            <Td numeric>{mae(r.modelMae)}</Td>
            <Td numeric>{mae(r.overrideMae)}</Td>
            <Td numeric>
              <Fva value={r.fva} f={f} />
            </Td>
            <Td numeric>
              {t("improvedOf", { improved: f.integer(r.improved), weeks: f.integer(r.weeks) })}
            </Td>
          </Tr>
        ))}
      </tbody>
      {rows.length > 1 && (
        <Foot testId="fva-total">
            <Td className="font-medium">{t("allPlanners")}</Td>
            <Td numeric>{f.integer(weeks)}</Td>
            <Td numeric>{mae(modelAbs / weeks)}</Td>
            <Td numeric>{mae(overrideAbs / weeks)}</Td>
            <Td numeric>
              <Fva value={modelAbs > 0 ? 1 - overrideAbs / modelAbs : null} f={f} />
            </Td>
            <Td numeric>
              {t("improvedOf", { improved: f.integer(improved), weeks: f.integer(weeks) })}
            </Td>
        </Foot>
      )}
    </Table>
  );
}
