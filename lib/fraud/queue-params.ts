import type { QueueFilter } from "./queue";

/**
 * The queue filter as URL params, defaults left out so links stay short and equal filters give equal URLs. The queue
 * uses them for its links, and the case pages carry them so next/previous follow the queue's order.
 */
export function queueParams(filter: QueueFilter): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(filter)) {
    if (k === "page" || v === undefined || v === "" || v === false) continue;
    if ((k === "status" && v === "active") || (k === "sort" && v === "score")) continue;
    params[k] = v === true ? "1" : String(v);
  }
  return params;
}
