import { formatCurrency, pluralize } from "@/lib/format";

/**
 * An audit entry as one sentence ("Pat Planner approved the forecast plan of SKU-0042"), so the log reads without
 * knowing the action keys, with a link to the record where it has a page. Pure: what it needs from other tables
 * (the product behind a plan, a model's task) comes in `record`, looked up once per page by auditRecordRefs.
 */

export type AuditEntryInput = {
  action: string;
  actorEmail: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
};

/** What the page knows about the record and the actor beyond the entry itself. */
export type AuditRecordRef = {
  actorName?: string | null;
  productId?: number | null;
  sku?: string | null;
  task?: string | null;
  version?: number | null;
  /** For entries about a user: that user's e-mail. */
  userEmail?: string | null;
};

/** "<actor> <verb> <object> <detail>", the object linked when `href` is set. */
export type AuditSentence = {
  actor: string;
  verb: string;
  object: { text: string; href: string | null } | null;
  detail: string | null;
};

type Fields = Record<string, unknown>;
const fields = (v: unknown): Fields => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Fields) : {});
const str = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v : null);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

const importNouns: Record<string, [string, string]> = {
  products: ["product", "products"],
  orders: ["order", "orders"],
  transactions: ["payment", "payments"],
  reviews: ["review", "reviews"],
  interactions: ["interaction", "interactions"],
};

const taskNames: Record<string, string> = {
  forecast: "demand forecast",
  pricing: "pricing",
  fraud: "fraud",
  sentiment: "review sentiment",
  recommend: "recommendation",
};

const jobVerbs: Record<string, string> = { train: "queued training of the", evaluate: "queued an evaluation of the", score: "queued a scoring run of the" };

const statusWords: Record<string, string> = { fraud: "fraud", legitimate: "legitimate", escalated: "escalated", open: "open" };

const failureWords: Record<string, string> = {
  wrong_password: "wrong password",
  unknown_account: "unknown account",
  disabled: "account disabled",
  locked: "locked after too many attempts",
};

/** The page of each kind of record, or null where it has none (then the record is named without a link). */
export function recordHref(kind: "forecast" | "pricing" | "reviews" | "fraud_case" | "placement" | "model" | "import" | "user", ref: string | number | null | undefined): string | null {
  if (ref === null || ref === undefined || ref === "") return null;
  const id = encodeURIComponent(String(ref));
  switch (kind) {
    case "forecast":
      return `/forecasts/${id}`;
    case "pricing":
      return `/pricing/${id}`;
    case "reviews":
      return `/reviews/${id}`;
    case "fraud_case":
      return `/fraud/cases/${id}`;
    case "placement":
      return `/recommendations/placements/${id}`;
    case "model":
      return `/models?task=${id}`;
    case "import":
      return `/data?import=${id}`;
    case "user":
      return "/users";
  }
}

export function describeAuditEntry(entry: AuditEntryInput, ref: AuditRecordRef = {}): AuditSentence {
  const actor = ref.actorName?.trim() || (entry.actorEmail === "system" ? "The system" : entry.actorEmail);
  const after = fields(entry.after);
  const before = fields(entry.before);
  const id = entry.entityId;
  const sentence = (verb: string, object: AuditSentence["object"] = null, detail: string | null = null): AuditSentence => ({ actor, verb, object, detail });

  // The product named by its SKU (from the page's lookup, else as the entry stored it), linked into an area.
  const product = (area: "forecast" | "pricing" | "reviews") => {
    const sku = ref.sku ?? str(after.sku) ?? str(before.sku);
    const productId = ref.productId ?? (entry.entityType === "product" && id ? Number(id) : null);
    return { text: sku ?? (productId ? `product #${productId}` : "a product"), href: recordHref(area, productId) };
  };
  const model = () => {
    const task = ref.task ?? str(after.task) ?? str(before.task);
    const version = ref.version ?? num(after.version) ?? num(after.modelVersion);
    const name = `${task ? `${taskNames[task] ?? task} ` : ""}model${version !== null ? ` v${version}` : ""}`;
    return { text: name, href: recordHref("model", task) };
  };
  const fraudCase = { text: `fraud case #${id ?? "?"}`, href: recordHref("fraud_case", id) };
  const placement = { text: `${id ?? "a"} placement`, href: recordHref("placement", id) };
  const price = (cents: unknown) => (num(cents) !== null ? `at ${formatCurrency(num(cents))}` : null);

  switch (entry.action) {
    case "forecast.override": {
      const units = num(after.units);
      return sentence(`overrode ${str(after.week) ? `the week of ${str(after.week)} in ` : ""}the forecast plan of`, product("forecast"), units !== null ? `to ${pluralize(units, "unit")}` : null);
    }
    case "forecast.review":
      return sentence("marked as reviewed the forecast plan of", product("forecast"));
    case "forecast.approve":
      return sentence("approved the forecast plan of", product("forecast"));
    case "forecast.published":
      return sentence("published new demand forecasts with the", model());
    case "pricing.approve":
      return sentence("approved the price of", product("pricing"), price(after.priceCents));
    case "pricing.approve.first":
      return sentence("gave the first of two approvals to the price of", product("pricing"), price(after.priceCents));
    case "pricing.adjust":
      return sentence("adjusted the price of", product("pricing"), price(after.priceCents));
    case "pricing.reject":
      return sentence("rejected the recommended price of", product("pricing"), price(after.recommendedPriceCents));
    case "pricing.limits.update":
      return sentence("changed the price limits of", product("pricing"));
    case "pricing.settings.update":
      return sentence("changed the", { text: "pricing settings", href: "/pricing/settings" });
    case "pricing.published":
      return sentence("published new price recommendations with the", model());
    case "fraud.case.claim":
      return sentence("claimed", fraudCase);
    case "fraud.case.release":
      return sentence("released", fraudCase);
    case "fraud.case.decide": {
      const status = str(after.status);
      return sentence("decided", fraudCase, status ? `as ${statusWords[status] ?? status.replace(/_/g, " ")}` : null);
    }
    case "fraud.case.escalate":
      return sentence("escalated", fraudCase);
    case "fraud.rule.create":
    case "fraud.rule.update":
    case "fraud.rule.activate":
    case "fraud.rule.deactivate":
    case "fraud.rule.delete": {
      const verb = { create: "created", update: "changed", activate: "turned on", deactivate: "turned off", delete: "deleted" }[entry.action.split(".")[2] as "create"];
      const name = str(after.name) ?? str(before.name);
      return sentence(`${verb} the fraud rule`, { text: name ?? `#${id ?? "?"}`, href: "/fraud/rules" });
    }
    case "fraud.settings.update":
      return sentence("changed the", { text: "fraud threshold", href: "/fraud/threshold" });
    case "fraud.batch_scored":
      return sentence("scored recent payments with the", model());
    case "reviews.summary_approved":
      return sentence("approved the review summary of", product("reviews"));
    case "reviews.replied": {
      const productId = ref.productId ?? num(after.productId);
      return sentence("replied to a review of", { text: ref.sku ?? (productId ? `product #${productId}` : "a product"), href: recordHref("reviews", productId) });
    }
    case "reviews.scored":
      return sentence("scored the reviews with the", model());
    case "recommendations.rules_saved":
      return sentence("saved the rules of the", placement);
    case "recommendations.scenario_approved":
      return sentence("approved the recommendations of the", placement);
    case "recommendations.scenario_rolled_back":
      return sentence("rolled back the recommendations of the", placement);
    case "model.promote":
      return sentence("promoted to champion the", model());
    case "model.promote.bootstrap":
      return sentence("made the first champion of the", model());
    case "model.rollback":
      return sentence("rolled back the champion to the", model());
    case "model.trained":
      return sentence("trained the", model());
    case "job.cancel":
      return sentence("cancelled a job of the", model(), id ? `(job #${id})` : null);
    case "data.import": {
      const kind = str(after.kind) ?? "";
      const [one, many] = importNouns[kind] ?? ["row", "rows"];
      const n = num(after[kind]) ?? num(after.rowsWritten) ?? 0;
      return sentence("imported", { text: pluralize(n, one, many), href: recordHref("import", id) }, str(after.filename) ? `from ${str(after.filename)}` : null);
    }
    case "data.import.queued":
      return sentence("queued the import of", { text: str(after.filename) ?? `file #${id ?? "?"}`, href: recordHref("import", id) });
    case "data.import.refused": {
      const errors = num(after.errorCount);
      return sentence("tried to import", { text: str(after.filename) ?? `file #${id ?? "?"}`, href: recordHref("import", id) }, errors !== null ? `and it was refused with ${pluralize(errors, "error")}` : "and it was refused");
    }
    case "data.import.failed":
      return sentence("imported", { text: str(after.filename) ?? `file #${id ?? "?"}`, href: recordHref("import", id) }, "but the import failed");
    case "auth.sign_in":
      return sentence("signed in");
    case "auth.sign_in.failed": {
      const reason = str(after.reason);
      return sentence("failed to sign in", null, reason ? `(${failureWords[reason] ?? reason.replace(/_/g, " ")})` : null);
    }
    case "user.role.change":
      return sentence("changed the role of", { text: ref.userEmail ?? `user #${id ?? "?"}`, href: recordHref("user", id) }, str(after.role) ? `to ${str(after.role)?.replace(/_/g, " ")}` : null);
    case "user.disable":
    case "user.enable":
      return sentence(entry.action === "user.disable" ? "disabled the account of" : "enabled the account of", { text: ref.userEmail ?? `user #${id ?? "?"}`, href: recordHref("user", id) });
    case "user.sessions.revoke": {
      const ended = num(after.sessionsEnded);
      return sentence("signed out everywhere", { text: ref.userEmail ?? `user #${id ?? "?"}`, href: recordHref("user", id) }, ended !== null ? `(${pluralize(ended, "session")} ended)` : null);
    }
    case "api_key.create":
    case "api_key.revoke":
      return sentence(entry.action === "api_key.create" ? "created the API key" : "revoked the API key", { text: str(after.name) ?? str(before.name) ?? `#${id ?? "?"}`, href: "/data#api-keys" });
  }

  // Queued jobs carry their kind in the key (job.train.enqueue); anything else unknown is named, not hidden.
  const job = /^job\.(\w+)\.enqueue$/.exec(entry.action);
  if (job?.[1]) return sentence(jobVerbs[job[1]] ?? `queued a ${job[1]} job of the`, model());
  const record = `${entry.entityType.replace(/_/g, " ")}${id ? ` #${id}` : ""}`;
  return sentence(`did “${entry.action}” on`, { text: record, href: null });
}
