import { describe, expect, it } from "vitest";
import { roles } from "@/db/schema";
import { areas, can, canViewArea, visibleAreas } from "@/lib/auth/permissions";

describe("role permissions", () => {
  it("gives every role the shared views and the Overview", () => {
    for (const role of roles) {
      expect(visibleAreas(role).map((a) => a.key)).toEqual(expect.arrayContaining(["overview", "reviews", "recommendations"]));
    }
  });

  it("keeps each business queue to its own role (and admins, who see everything)", () => {
    expect(canViewArea("planner", "forecasts")).toBe(true);
    expect(canViewArea("planner", "pricing")).toBe(false);
    expect(canViewArea("merchandiser", "fraud")).toBe(false);
    expect(canViewArea("risk_analyst", "forecasts")).toBe(false);
    expect(canViewArea("viewer", "data")).toBe(false);
    expect(areas.every((a) => canViewArea("admin", a.key))).toBe(true);
  });

  it("does not let admins take the business decisions whose outputs they train on", () => {
    expect(can("admin", "fraud.decide")).toBe(false);
    expect(can("admin", "pricing.decide")).toBe(false);
    expect(can("risk_analyst", "fraud.decide")).toBe(true);
    expect(can("admin", "data.import")).toBe(true);
    expect(can("viewer", "data.import")).toBe(false);
  });

  it("keeps the Users page and its changes to admins", () => {
    expect(roles.filter((r) => canViewArea(r, "users"))).toEqual(["admin"]);
    expect(roles.filter((r) => can(r, "users.manage"))).toEqual(["admin"]);
  });
});
