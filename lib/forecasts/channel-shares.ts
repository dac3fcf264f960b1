import { and, eq, gt, lte, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { channels, dailySales, type Channel, type ChannelUnits } from "@/lib/schema";
import { addDays } from "@/lib/dates";

/** The sales channels, as the channels table constrains their codes. */
export const channelCodes = channels.code.enumValues;
export type ChannelCode = Channel["code"];
export type ChannelShares = Partial<Record<ChannelCode, number>>;

/** Weeks of sales that set each channel's share of a product's forecast. */
export const CHANNEL_SHARE_WEEKS = 13;

/**
 * Each product's units per channel over the 13 weeks up to `historyEnd`. Stock is held per product, so the model
 * forecasts products; a channel view splits that forecast top-down by these. Read once, when a run is published,
 * and stored with its series (forecast_series.channel_units).
 */
export async function recentChannelUnits(db: Db, historyEnd: string): Promise<Map<number, ChannelUnits>> {
  const rows = await db
    .select({ productId: dailySales.productId, code: channels.code, units: sql<number>`sum(${dailySales.units})`.mapWith(Number) })
    .from(dailySales)
    .innerJoin(channels, eq(channels.id, dailySales.channelId))
    .where(and(gt(dailySales.date, addDays(historyEnd, -7 * CHANNEL_SHARE_WEEKS)), lte(dailySales.date, historyEnd)))
    .groupBy(dailySales.productId, channels.code)
    // Ordered, so each product's channels are stored in the same order on SQLite and PostgreSQL.
    .orderBy(dailySales.productId, channels.code)
    .all();
  const out = new Map<number, ChannelUnits>();
  for (const r of rows) out.set(r.productId, { ...out.get(r.productId), [r.code]: r.units });
  return out;
}

/**
 * Each channel's share of a product's recent units, from forecast_series.channel_units as a raw read gives it (JSON
 * text on SQLite, the parsed json value on PostgreSQL); empty when it sold nothing in those weeks.
 */
export function sharesOf(channelUnits: string | ChannelUnits | null): ChannelShares {
  const units: ChannelUnits = typeof channelUnits === "string" ? (JSON.parse(channelUnits) as ChannelUnits) : (channelUnits ?? {});
  const entries = Object.entries(units) as [ChannelCode, number][];
  const total = entries.reduce((s, [, u]) => s + u, 0);
  return total > 0 ? Object.fromEntries(entries.map(([code, u]) => [code, u / total])) : {};
}
