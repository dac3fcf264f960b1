/**
 * Every page of the dashboard, with the roles that may open it: the accessibility test and the screenshot script
 * both walk this list, so a new page is covered by both. Static routes are read from app/(dashboard)/**\/page.tsx;
 * a detail route gets a real id from the database (a page whose id does not exist yet is skipped, with a note).
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { openDb } from "../../db/client";
import { placementCodes, roles as allRoles, type Role } from "../../db/schema";
import { areaRoles, areas } from "../../lib/auth/permissions";

export type DashboardPage = {
  /** The URL path, e.g. /forecasts/12. */
  path: string;
  /** A file-safe name for the page, e.g. forecasts-plans, forecasts-detail (a detail page is named by its route, not its id). */
  name: string;
  /** The roles that may open it, per lib/auth/permissions.ts. */
  roles: readonly Role[];
};

const dashboardDir = path.resolve(process.cwd(), "app/(dashboard)");

/** Route patterns (as in the folder tree, route groups dropped) of every page under app/(dashboard). */
export function dashboardRoutes(dir = dashboardDir, prefix = ""): string[] {
  const routes: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && entry.name === "page.tsx") routes.push(prefix || "/");
    if (!entry.isDirectory() || entry.name.startsWith("_")) continue;
    // A route group "(name)" does not appear in the URL.
    const segment = /^\(.*\)$/.test(entry.name) ? "" : `/${entry.name}`;
    routes.push(...dashboardRoutes(path.join(dir, entry.name), prefix + segment));
  }
  return routes.sort();
}

/** Who may open a path: the area whose href is the longest prefix of it ("/" itself is open to every role unless an area claims it). */
export function rolesFor(pagePath: string): readonly Role[] {
  // Typed as string: the "My work" area at "/" may join the list.
  const claims = (href: string) => (href === "/" ? pagePath === "/" : pagePath === href || pagePath.startsWith(`${href}/`));
  const area = areas.filter((a) => claims(a.href)).sort((a, b) => b.href.length - a.href.length)[0];
  return area ? areaRoles[area.key] : allRoles;
}

/** The name of a route for file names: /forecasts/plans -> forecasts-plans, /forecasts/[productId] -> forecasts-detail, / -> home. */
export function pageName(route: string): string {
  if (route === "/") return "home";
  return route
    .slice(1)
    .split("/")
    .map((s) => (s.startsWith("[") ? "detail" : s))
    .join("-");
}

type Sqlite = ReturnType<typeof openDb>["$client"];
const one = (db: Sqlite, sql: string): string | null => {
  const row = db.prepare<[], { v: string | number }>(sql).get();
  return row ? String(row.v) : null;
};

/** For each detail route, a real value of its parameter: the busiest product, an open case, a regular customer. */
const detailIds: Record<string, (db: Sqlite) => string | null> = {
  "/forecasts/[productId]": (db) =>
    one(
      db,
      `SELECT s.product_id AS v FROM forecast_series s LEFT JOIN daily_sales d ON d.product_id = s.product_id
       WHERE s.run_id = (SELECT MAX(id) FROM forecast_runs) GROUP BY s.product_id ORDER BY SUM(d.units) DESC LIMIT 1`,
    ),
  "/pricing/[productId]": (db) => one(db, "SELECT product_id AS v FROM price_recommendations WHERE run_id = (SELECT MAX(id) FROM price_runs) ORDER BY id LIMIT 1"),
  "/fraud/cases/[caseId]": (db) => one(db, "SELECT id AS v FROM fraud_cases ORDER BY status = 'open' DESC, id LIMIT 1"),
  "/reviews/[productId]": (db) => one(db, "SELECT product_id AS v FROM reviews GROUP BY product_id ORDER BY COUNT(*) DESC LIMIT 1"),
  "/recommendations/customers/[externalId]": (db) =>
    one(db, "SELECT c.external_id AS v FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY c.id ORDER BY COUNT(*) DESC, c.id LIMIT 1"),
  "/recommendations/products/[sku]": (db) =>
    one(db, "SELECT p.sku AS v FROM products p JOIN daily_sales d ON d.product_id = p.id GROUP BY p.id ORDER BY SUM(d.units) DESC LIMIT 1"),
  "/recommendations/placements/[placement]": () => placementCodes[0],
};

/**
 * Every page with its roles, detail pages filled with ids from the database file. `note` hears about a detail page
 * left out (its id does not exist yet, or no rule above knows how to find one).
 */
export function dashboardPages(dbFile: string, note: (message: string) => void = console.log): DashboardPage[] {
  const db = openDb(dbFile, { migrate: false });
  try {
    return dashboardRoutes().flatMap((route): DashboardPage[] => {
      if (!route.includes("[")) return [{ path: route, name: pageName(route), roles: rolesFor(route) }];
      const find = detailIds[route];
      const id = find ? find(db.$client) : null;
      if (id === null) {
        note(find ? `  (skipped ${route}: no id for it in the database yet)` : `  (skipped ${route}: test/e2e/pages.ts has no rule to find an id for it)`);
        return [];
      }
      const pagePath = route.replace(/\[[^\]]+\]/, encodeURIComponent(id));
      return [{ path: pagePath, name: pageName(route), roles: rolesFor(pagePath) }];
    });
  } finally {
    db.$client.close();
  }
}
