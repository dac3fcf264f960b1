import { readCsvFile, requireColumns } from "../io/csv";
import type { RecommendTrainRow } from "./rows";
import { parseIsoMs } from "../dates";

/**
 * UCI "Online Retail" invoice lines (Chen et al. 2012, CC BY 4.0) as implicit feedback: user = CustomerID
 * (guest lines, 'NA', dropped), item = StockCode, timestamp = InvoiceDate ("YYYY-MM-DD HH:MM:SS", read as UTC),
 * returns and cancellations (Quantity <= 0) dropped. For the bench and the real-data tests.
 */
export function readOnlineRetail(file: string): RecommendTrainRow[] {
  const { columns, records } = readCsvFile(file);
  requireColumns(columns, ["CustomerID", "StockCode", "Quantity", "InvoiceDate"], file);
  const rows: RecommendTrainRow[] = [];
  for (const { values } of records) {
    const userId = values.CustomerID ?? "";
    const timestamp = parseIsoMs(values.InvoiceDate ?? "");
    if (userId === "" || userId === "NA" || !(Number(values.Quantity) > 0) || timestamp === null) continue;
    rows.push({ userId, itemId: values.StockCode ?? "", timestamp, weight: 1 });
  }
  return rows.sort((a, b) => a.timestamp - b.timestamp);
}
