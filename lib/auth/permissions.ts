import type { Role } from "@/db/schema/auth";

/**
 * Areas of the dashboard, in navigation order. One table decides who sees what, for the UI and the server alike.
 * Their names are in the catalogue (nav.areas.<key>), as are the roles' (nav.roles.<role>).
 */
export const areas = [
  // Each person's landing page: what waits for their decision (lib/inbox).
  { key: "inbox", href: "/" },
  { key: "overview", href: "/overview" },
  { key: "forecasts", href: "/forecasts" },
  { key: "pricing", href: "/pricing" },
  { key: "fraud", href: "/fraud" },
  { key: "reviews", href: "/reviews" },
  { key: "recommendations", href: "/recommendations" },
  { key: "models", href: "/models" },
  { key: "data", href: "/data" },
  { key: "audit", href: "/audit" },
  { key: "users", href: "/users" },
] as const;

export type Area = (typeof areas)[number]["key"];

const everyone: readonly Role[] = ["admin", "merchandiser", "planner", "risk_analyst", "viewer"];

/** Admins run the platform and may see every area; each business role sees its own queue plus the shared views. */
export const areaRoles: Record<Area, readonly Role[]> = {
  inbox: everyone,
  overview: everyone,
  forecasts: ["admin", "planner"],
  pricing: ["admin", "merchandiser"],
  fraud: ["admin", "risk_analyst"],
  reviews: everyone,
  recommendations: everyone,
  models: ["admin"],
  data: ["admin"],
  audit: ["admin"],
  users: ["admin"],
};

/**
 * Things a person can do (server actions and route handlers), each with the roles allowed to do it.
 * Admins run the platform (data, users, models, audit) but do not take the business decisions: the people who
 * train and promote models should not also approve their outputs, and fraud decisions become training labels,
 * so only risk analysts make them.
 */
export const capabilityRoles = {
  // Everyone signed in keeps their own language and time zone.
  "account.preferences": everyone,
  "data.import": ["admin"],
  "audit.read": ["admin"],
  "users.manage": ["admin"],
  "forecast.decide": ["planner"],
  "pricing.decide": ["merchandiser"],
  "fraud.decide": ["risk_analyst"],
  "content.approve": ["merchandiser"],
  "models.manage": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof capabilityRoles;

export function canViewArea(role: Role, area: Area): boolean {
  return areaRoles[area].includes(role);
}

export function can(role: Role, capability: Capability): boolean {
  return (capabilityRoles[capability] as readonly Role[]).includes(role);
}

export function visibleAreas(role: Role) {
  return areas.filter((a) => canViewArea(role, a.key));
}
