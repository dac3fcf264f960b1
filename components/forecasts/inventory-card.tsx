import { getTranslations } from "next-intl/server";
import type { ProductForecast } from "@/lib/forecasts/product";
import { serviceLevels } from "@/lib/forecasts/replenishment";
import { getFormat } from "@/lib/i18n/server";
import { coverText, serviceLevelText } from "./figures";

/** Stock position and the replenishment it implies at the service level chosen in the URL (?sl=). */
export async function InventoryCard({
  inventory,
  replenishment,
  serviceLevel,
  horizonWeeks,
}: {
  inventory: ProductForecast["inventory"];
  replenishment: ProductForecast["replenishment"];
  serviceLevel: number;
  horizonWeeks: number;
}) {
  const t = await getTranslations("forecasts");
  const f = await getFormat();
  const muted = "text-gray-500 dark:text-gray-400";
  return (
    <section className="card" aria-labelledby="inventory-heading">
      <h2 id="inventory-heading" className="mb-3 font-medium">
        {t("inventory.heading")}
      </h2>
      {!inventory ? (
        <p className="text-sm text-gray-600 dark:text-gray-400">{t("inventory.none")}</p>
      ) : (
        <>
          <dl className="mb-3 grid grid-cols-2 gap-x-4 gap-y-1 text-sm" data-testid="inventory">
            <dt className={muted}>{t("inventory.onHand")}</dt>
            <dd className="tabular-nums">{f.units(inventory.onHand)}</dd>
            <dt className={muted}>{t("inventory.onOrder")}</dt>
            <dd className="tabular-nums">{f.units(inventory.onOrder)}</dd>
            <dt className={muted}>{t("inventory.leadTime")}</dt>
            <dd className="tabular-nums">{t("inventory.leadTimeValue", { days: inventory.leadTimeDays })}</dd>
            <dt className={muted}>{t("inventory.asOf")}</dt>
            <dd>{f.date(inventory.asOf)}</dd>
          </dl>
          {/* The service level in force is the URL's (?sl=), so the select starts on it after every reload. */}
          <form method="get" className="mb-3 flex items-end gap-2 text-sm">
            <label className="flex flex-col gap-1 text-xs font-medium text-gray-600 dark:text-gray-400">
              {t("inventory.serviceLevel")}
              <select className="input py-1" name="sl" defaultValue={String(serviceLevel)} key={serviceLevel}>
                {serviceLevels.map((s) => (
                  <option key={s} value={String(s)}>
                    {serviceLevelText(f, s)}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="rounded-md border border-gray-300 px-3 py-1.5 dark:border-gray-700">
              {t("inventory.apply")}
            </button>
          </form>
          {replenishment && (
            <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm" data-testid="replenishment">
              <dt className={muted}>{t("inventory.leadTimeDemand")}</dt>
              <dd className="tabular-nums">{f.units(replenishment.leadTimeDemand)}</dd>
              <dt className={muted}>{t("inventory.safetyStock")}</dt>
              <dd className="tabular-nums">{f.units(replenishment.safetyStock)}</dd>
              <dt className={muted}>{t("inventory.reorderPoint")}</dt>
              <dd className="tabular-nums">{f.units(replenishment.reorderPoint)}</dd>
              <dt className={muted}>{t("inventory.orderUpTo")}</dt>
              <dd className="tabular-nums">{f.units(replenishment.orderUpTo)}</dd>
              <dt className={muted}>{t("inventory.position")}</dt>
              <dd className="tabular-nums">{f.units(replenishment.position)}</dd>
              <dt className="font-medium">{t("inventory.suggestedOrder")}</dt>
              <dd className="font-medium tabular-nums">{t("inventory.units", { units: f.integer(replenishment.orderQuantity) })}</dd>
              <dt className={muted}>{t("inventory.weeksOfCover")}</dt>
              <dd className="tabular-nums">{coverText(f, replenishment.weeksOfCover, () => t("cover.beyond", { weeks: horizonWeeks }))}</dd>
            </dl>
          )}
          <p className="mt-2 text-xs text-gray-500 dark:text-gray-400">{t("inventory.method")}</p>
        </>
      )}
    </section>
  );
}
