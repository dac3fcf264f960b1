import { englishFormat, type Format } from "@/lib/format";
import { msg, type Message, type MessageKey, type MessageValues } from "@/lib/i18n/message";

/**
 * An audit entry as one sentence ("Pat Planner approved the forecast plan of SKU-0042"), so the log reads without
 * knowing the action keys, with a link to the record where it has a page. Pure: what it needs from other tables
 * (the product behind a plan, a model's task) comes in `record`, looked up once per page by auditRecordRefs. Money
 * and days are written with `f`, the reader's formatter.
 */

type SentenceKey = MessageKey extends infer K ? (K extends `audit.sentences.${infer S}` ? S : never) : never;

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

/**
 * "<actor> <verb> <object> <detail>" as Messages, put into words at the edge in the reader's language: `message`
 * holds the whole sentence with an {actor} and (when there is one) an {object} argument, so each language orders
 * them its own way; the page draws the actor in bold and links the object when `href` is set.
 */
export type AuditSentence = {
  actor: Message;
  message: Message;
  object: { text: Message; href: string | null } | null;
};

type Fields = Record<string, unknown>;
const fields = (v: unknown): Fields => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Fields) : {});
const str = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v : null);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** An argument that a message chooses on ("none" leaves the words out). */
const none = "none";

const importKinds = new Set(["products", "orders", "transactions", "reviews", "interactions"]);
const jobKinds = new Set(["train", "evaluate", "score"]);
const caseStatuses = new Set(["fraud", "legitimate", "escalated", "open"]);
const failureReasons = new Set(["wrong_password", "unknown_account", "disabled", "locked"]);
const roles = new Set(["admin", "merchandiser", "planner", "risk_analyst", "viewer"]);

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

export function describeAuditEntry(entry: AuditEntryInput, ref: AuditRecordRef = {}, f: Format = englishFormat): AuditSentence {
  const name = ref.actorName?.trim();
  const actor = name ? msg("audit.actors.person", { name }) : entry.actorEmail === "system" ? msg("audit.actors.system") : msg("audit.actors.person", { name: entry.actorEmail });
  const after = fields(entry.after);
  const before = fields(entry.before);
  const id = entry.entityId;
  const sentence = (key: SentenceKey, object: AuditSentence["object"] = null, values: MessageValues = {}): AuditSentence => ({
    actor,
    message: msg(`audit.sentences.${key}`, values),
    object,
  });
  const plain = (text: string) => msg("audit.objects.plain", { text });
  const numbered = (kind: "file" | "user" | "record", ref: string | null) => msg(`audit.objects.${kind}`, { id: ref ?? "?" });

  // The product named by its SKU (from the page's lookup, else as the entry stored it), linked into an area.
  const productText = (sku: string | null, productId: number | null) =>
    sku ? plain(sku) : productId ? msg("audit.objects.productId", { id: String(productId) }) : msg("audit.objects.aProduct");
  const product = (area: "forecast" | "pricing" | "reviews") => {
    const sku = ref.sku ?? str(after.sku) ?? str(before.sku);
    const productId = ref.productId ?? (entry.entityType === "product" && id ? Number(id) : null);
    return { text: productText(sku, productId), href: recordHref(area, productId) };
  };
  const model = () => {
    const task = ref.task ?? str(after.task) ?? str(before.task);
    const version = ref.version ?? num(after.version) ?? num(after.modelVersion);
    return { text: msg("audit.objects.model", { task: task ?? none, version: version === null ? none : String(version) }), href: recordHref("model", task) };
  };
  const fraudCase = { text: msg("audit.objects.fraudCase", { id: id ?? "?" }), href: recordHref("fraud_case", id) };
  const placement = { text: msg("audit.objects.placement", { code: id ?? none }), href: recordHref("placement", id) };
  const price = (cents: unknown) => ({ price: num(cents) !== null ? f.money(num(cents)) : none });
  const user = { text: ref.userEmail ? plain(ref.userEmail) : numbered("user", id), href: recordHref("user", id) };
  const file = { text: str(after.filename) ? plain(str(after.filename)!) : numbered("file", id), href: recordHref("import", id) };

  switch (entry.action) {
    case "forecast.override": {
      const units = num(after.units);
      const week = str(after.week);
      return sentence("forecastOverride", product("forecast"), { week: week ? f.date(week) : none, units: units === null ? none : "some", count: units ?? 0 });
    }
    case "forecast.review":
      return sentence("forecastReview", product("forecast"));
    case "forecast.approve":
      return sentence("forecastApprove", product("forecast"));
    case "forecast.published":
      return sentence("forecastPublished", model());
    case "pricing.approve":
      return sentence("pricingApprove", product("pricing"), price(after.priceCents));
    case "pricing.approve.first":
      return sentence("pricingApproveFirst", product("pricing"), price(after.priceCents));
    case "pricing.adjust":
      return sentence("pricingAdjust", product("pricing"), price(after.priceCents));
    case "pricing.reject":
      return sentence("pricingReject", product("pricing"), price(after.recommendedPriceCents));
    case "pricing.limits.update":
      return sentence("pricingLimits", product("pricing"));
    case "pricing.settings.update":
      return sentence("changedThe", { text: msg("audit.objects.pricingSettings"), href: "/pricing/settings" });
    case "pricing.published":
      return sentence("pricingPublished", model());
    case "fraud.case.claim":
      return sentence("caseClaim", fraudCase);
    case "fraud.case.release":
      return sentence("caseRelease", fraudCase);
    case "fraud.case.decide": {
      const status = str(after.status);
      return sentence("caseDecide", fraudCase, { status: status === null ? none : caseStatuses.has(status) ? status : status.replace(/_/g, " ") });
    }
    case "fraud.case.escalate":
      return sentence("caseEscalate", fraudCase);
    case "fraud.rule.create":
    case "fraud.rule.update":
    case "fraud.rule.activate":
    case "fraud.rule.deactivate":
    case "fraud.rule.delete": {
      const rule = str(after.name) ?? str(before.name);
      return sentence("fraudRule", { text: rule ? plain(rule) : numbered("record", id), href: "/fraud/rules" }, { change: entry.action.split(".")[2]! });
    }
    case "fraud.settings.update":
      return sentence("changedThe", { text: msg("audit.objects.fraudThreshold"), href: "/fraud/threshold" });
    case "fraud.batch_scored":
      return sentence("fraudBatchScored", model());
    case "reviews.summary_approved":
      return sentence("summaryApproved", product("reviews"));
    case "reviews.replied": {
      const productId = ref.productId ?? num(after.productId);
      return sentence("reviewReplied", { text: productText(ref.sku ?? null, productId), href: recordHref("reviews", productId) });
    }
    case "reviews.scored":
      return sentence("reviewsScored", model());
    case "recommendations.rules_saved":
      return sentence("rulesSaved", placement);
    case "recommendations.scenario_approved":
      return sentence("scenarioApproved", placement);
    case "recommendations.scenario_rolled_back":
      return sentence("scenarioRolledBack", placement);
    case "model.promote":
      return sentence("modelPromote", model());
    case "model.promote.bootstrap":
      return sentence("modelBootstrap", model());
    case "model.rollback":
      return sentence("modelRollback", model());
    case "model.trained":
      return sentence("modelTrained", model());
    case "job.cancel":
      return sentence("jobCancel", model(), { job: id ?? none });
    case "data.import": {
      const kind = str(after.kind) ?? "";
      const n = num(after[kind]) ?? num(after.rowsWritten) ?? 0;
      const filename = str(after.filename);
      return sentence("dataImport", { text: msg("audit.objects.imported", { kind: importKinds.has(kind) ? kind : "rows", count: n }), href: recordHref("import", id) }, { file: filename ?? none });
    }
    case "data.import.queued":
      return sentence("importQueued", file);
    case "data.import.refused": {
      const errors = num(after.errorCount);
      return sentence("importRefused", file, { errors: errors === null ? none : "some", count: errors ?? 0 });
    }
    case "data.import.failed":
      return sentence("importFailed", file);
    case "auth.sign_in":
      return sentence("signIn");
    case "auth.sign_in.failed": {
      const reason = str(after.reason);
      return sentence("signInFailed", null, { reason: reason === null ? none : failureReasons.has(reason) ? reason : reason.replace(/_/g, " ") });
    }
    case "user.role.change": {
      const role = str(after.role);
      return sentence("roleChange", user, { role: role === null ? none : roles.has(role) ? role : role.replace(/_/g, " ") });
    }
    case "user.disable":
      return sentence("userDisable", user);
    case "user.enable":
      return sentence("userEnable", user);
    case "user.sessions.revoke": {
      const ended = num(after.sessionsEnded);
      return sentence("sessionsRevoke", user, { ended: ended === null ? none : "some", count: ended ?? 0 });
    }
    case "api_key.create":
    case "api_key.revoke": {
      const key = str(after.name) ?? str(before.name);
      return sentence(entry.action === "api_key.create" ? "apiKeyCreate" : "apiKeyRevoke", { text: key ? plain(key) : numbered("record", id), href: "/data#api-keys" });
    }
  }

  // Queued jobs carry their kind in the key (job.train.enqueue); anything else unknown is named, not hidden.
  const job = /^job\.(\w+)\.enqueue$/.exec(entry.action);
  if (job?.[1]) return sentence("jobEnqueue", model(), { kind: jobKinds.has(job[1]) ? job[1] : job[1].replace(/_/g, " ") });
  const type = entry.entityType.replace(/_/g, " ");
  return sentence("unknown", { text: id ? msg("audit.objects.typed", { type, id }) : plain(type), href: null }, { action: entry.action });
}

/** The sentence as plain text (exports, tests): the actor and the object put in their places. */
export function auditSentenceText(sentence: AuditSentence, words: (message: Message) => string): string {
  const values: MessageValues = { ...sentence.message.values, actor: words(sentence.actor) };
  if (sentence.object) values.object = words(sentence.object.text);
  return words({ key: sentence.message.key, values });
}
