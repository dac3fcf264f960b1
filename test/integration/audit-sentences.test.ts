import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { products, reviews, users } from "@/lib/schema";
import { audit } from "@/lib/audit";
import { auditSentenceText, describeAuditEntry } from "@/lib/audit/describe";
import { inEnglish } from "@/lib/i18n/translate";
import { auditFilterSchema, auditPage, auditRecordRefs } from "@/lib/audit/queries";

describe("audit sentences on a page of entries", () => {
  it("names the actor and the product behind a review and a limits change, linked to their pages", async () => {
    const db = getDb();
    const now = new Date();
    const pat = await db.insert(users).values({ email: "pat@test", name: "Pat Planner", role: "merchandiser", createdAt: now }).returning().get();
    const product = await db.insert(products).values({ sku: "SKU-0042", name: "Kettle", category: "Kitchen", priceCents: 2999, createdAt: now }).returning().get();
    const review = await db.insert(reviews).values({ productId: product.id, rating: 2, title: "Meh", body: "Slow to boil.", createdAt: now }).returning().get();
    await audit(db, { actor: { id: pat.id, email: pat.email }, action: "reviews.replied", entityType: "review", entityId: review.id, after: { productId: product.id, body: "Sorry" } });
    await audit(db, { actor: { id: pat.id, email: pat.email }, action: "pricing.limits.update", entityType: "product", entityId: product.id, after: { floorCents: 1999 } });
    await audit(db, { actor: { id: null, email: "system" }, action: "warehouse.robot.dance", entityType: "robot_arm", entityId: 3 });

    const { rows } = await auditPage(db, auditFilterSchema.parse({ sort: "oldest" }));
    const refs = await auditRecordRefs(db, rows);
    const sentences = rows.map((r) => describeAuditEntry(r, refs.get(r.id)));

    const words = sentences.map((s) => ({ actor: inEnglish(s.actor), text: auditSentenceText(s, inEnglish), object: s.object && { text: inEnglish(s.object.text), href: s.object.href } }));
    expect(words[0]).toMatchObject({ actor: "Pat Planner", text: "Pat Planner replied to a review of SKU-0042", object: { text: "SKU-0042", href: `/reviews/${product.id}` } });
    expect(words[1]).toMatchObject({ actor: "Pat Planner", text: "Pat Planner changed the price limits of SKU-0042", object: { text: "SKU-0042", href: `/pricing/${product.id}` } });
    expect(words[2]).toMatchObject({ actor: "The system", object: { text: "robot arm #3", href: null } });
  });
});
