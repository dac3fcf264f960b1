import { filterParams } from "@/lib/search-params";
import type { QueueFilter } from "./queue";

/**
 * The queue filter as URL params, defaults left out so links stay short and equal filters give equal URLs. The queue
 * uses them for its links, and the case pages carry them so next/previous follow the queue's order.
 */
export function queueParams(filter: QueueFilter): Record<string, string> {
  return filterParams(filter, { status: "active", sort: "score" });
}
