import type { ProductForecast } from "@/lib/forecasts/product";
import { serviceLevels } from "@/lib/forecasts/replenishment";
import { formatCover, formatServiceLevel, formatUnits } from "./format";

/** Stock position and the replenishment it implies at the service level chosen in the URL (?sl=). */
export function InventoryCard({
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
  return (
    <section className="card" aria-labelledby="inventory-heading">
      <h2 id="inventory-heading" className="mb-3 font-medium">
        Inventory and replenishment
      </h2>
      {!inventory ? (
        <p className="text-sm text-gray-600 dark:text-gray-400">No inventory position is recorded for this product, so no order can be suggested.</p>
      ) : (
        <>
          <dl className="mb-3 grid grid-cols-2 gap-x-4 gap-y-1 text-sm" data-testid="inventory">
            <dt className="text-gray-500 dark:text-gray-400">On hand</dt>
            <dd className="tabular-nums">{formatUnits(inventory.onHand)}</dd>
            <dt className="text-gray-500 dark:text-gray-400">On order</dt>
            <dd className="tabular-nums">{formatUnits(inventory.onOrder)}</dd>
            <dt className="text-gray-500 dark:text-gray-400">Lead time</dt>
            <dd className="tabular-nums">{inventory.leadTimeDays} days</dd>
            <dt className="text-gray-500 dark:text-gray-400">As of</dt>
            <dd>{inventory.asOf}</dd>
          </dl>
          <form method="get" className="mb-3 flex items-end gap-2 text-sm">
            <label className="flex flex-col gap-1 text-xs font-medium text-gray-600 dark:text-gray-400">
              Service level
              <select className="input py-1" name="sl" defaultValue={String(serviceLevel)}>
                {serviceLevels.map((s) => (
                  <option key={s} value={String(s)}>
                    {formatServiceLevel(s)}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="rounded-md border border-gray-300 px-3 py-1.5 dark:border-gray-700">
              Apply
            </button>
          </form>
          {replenishment && (
            <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm" data-testid="replenishment">
              <dt className="text-gray-500 dark:text-gray-400">Lead-time demand</dt>
              <dd className="tabular-nums">{formatUnits(replenishment.leadTimeDemand)}</dd>
              <dt className="text-gray-500 dark:text-gray-400">Safety stock</dt>
              <dd className="tabular-nums">{formatUnits(replenishment.safetyStock)}</dd>
              <dt className="text-gray-500 dark:text-gray-400">Reorder point</dt>
              <dd className="tabular-nums">{formatUnits(replenishment.reorderPoint)}</dd>
              <dt className="text-gray-500 dark:text-gray-400">Order-up-to level</dt>
              <dd className="tabular-nums">{formatUnits(replenishment.orderUpTo)}</dd>
              <dt className="text-gray-500 dark:text-gray-400">Position (on hand + on order)</dt>
              <dd className="tabular-nums">{formatUnits(replenishment.position)}</dd>
              <dt className="font-medium">Suggested order</dt>
              <dd className="font-medium tabular-nums">{replenishment.orderQuantity.toLocaleString("en-US")} units</dd>
              <dt className="text-gray-500 dark:text-gray-400">Weeks of cover</dt>
              <dd className="tabular-nums">{formatCover(replenishment.weeksOfCover, horizonWeeks)}</dd>
            </dl>
          )}
          <p className="mt-2 text-xs text-gray-500 dark:text-gray-400">
            Weekly review; each week&apos;s demand taken as normal with its P10–P90 width, weeks independent.
          </p>
        </>
      )}
    </section>
  );
}
