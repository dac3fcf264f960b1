import { getTranslations } from "next-intl/server";
import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import type { ProductForecast } from "@/lib/forecasts/product";
import { getFormat } from "@/lib/i18n/server";
import { overrideReasonLabel } from "./reasons";
import { getText } from "./server-words";

/** Every override made on this plan, newest first; only the latest per week is in force. */
export async function OverrideLog({ entries }: { entries: ProductForecast["overrideLog"] }) {
  const t = await getTranslations("forecasts.log");
  if (entries.length === 0) return <p className="text-sm text-gray-600 dark:text-gray-400">{t("empty")}</p>;
  const f = await getFormat();
  const text = await getText();
  return (
    <Table testId="override-log">
      <HeaderRow>
        <Th>{t("when")}</Th>
        <Th>{t("who")}</Th>
        <Th>{t("week")}</Th>
        <Th numeric>{t("modelP50")}</Th>
        <Th numeric>{t("override")}</Th>
        <Th>{t("reason")}</Th>
        <Th>{t("note")}</Th>
      </HeaderRow>
      <tbody>
        {entries.map((o) => (
          <Tr key={o.id}>
            <Td className="text-xs whitespace-nowrap">{f.dateTime(new Date(o.at))}</Td>
            <Td className="text-xs">{o.by}</Td>
            <Td className="whitespace-nowrap">{f.date(o.week)}</Td>
            <Td numeric>{f.units(o.modelP50)}</Td>
            <Td numeric>{f.units(o.units)}</Td>
            <Td>{overrideReasonLabel(o.reason, text)}</Td>
            <Td className="text-xs">{o.note ?? ""}</Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
