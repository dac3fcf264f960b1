/**
 * POST /api/imports, the Data page's upload: only a person with data.import (admins) may send a file; the body is
 * streamed to disk and refused past the size limit (3 MB here, IMPORT_MAX_MB) with nothing written; a small file is
 * imported in the request and a large one queued. Callers sign in through real server-side sessions
 * (test/support/request-context.ts).
 */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { count, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.IMPORT_MAX_MB = "3";
});
vi.mock("next/headers", () => import("../support/request-context"));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

import { POST } from "@/app/api/imports/route";
import { getDb } from "@/lib/db";
import { imports, orders, products, users, type Role } from "@/lib/schema";
import { env } from "@/lib/env";
import { session } from "../support/request-context";

const idByRole = {} as Record<Role, number>;
const as = (role: Role | null) => (session.userId = role === null ? null : idByRole[role]);

beforeAll(async () => {
  const db = getDb();
  await db.run(sql`insert into channels (id, code, name) values (1,'web','Web'),(2,'app','App'),(3,'marketplace','Marketplace'),(4,'store','Store')`);
  for (const role of ["admin", "viewer", "merchandiser"] as const) {
    idByRole[role] = (await db.insert(users).values({ email: `${role}@test`, name: role, role, passwordHash: null, createdAt: new Date() }).returning().get())!.id;
  }
});

function post(query: Record<string, string>, body: BodyInit, headers: Record<string, string> = {}): Promise<Response> {
  const request = new Request(`http://app.test/api/imports?${new URLSearchParams(query)}`, { method: "POST", body, headers, duplex: "half" } as RequestInit);
  return POST(request);
}

/** A body streamed in 64 KB chunks, counting how many bytes the route pulled. */
function streamed(bytes: number) {
  const pulled = { bytes: 0 };
  const chunk = new Uint8Array(64 * 1024).fill(0x41);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.bytes >= bytes) return controller.close();
      pulled.bytes += chunk.length;
      controller.enqueue(chunk);
    },
  });
  return { stream, pulled };
}

const importCount = async () => (await getDb().select({ n: count() }).from(imports).get())!.n;
const storedFiles = () => (existsSync(path.join(env.DATA_DIR, "imports")) ? readdirSync(path.join(env.DATA_DIR, "imports")) : []);
const orderCsv = "order_id,ordered_at,sku,quantity,unit_price\nR-1,2026-01-05,SKU-NEW,2,9.99\n";

describe("POST /api/imports", () => {
  it("answers 401 to a caller with no session and 403 to a role without data.import, reading and writing nothing", async () => {
    for (const [role, status] of [
      [null, 401],
      ["viewer", 403],
      ["merchandiser", 403],
    ] as const) {
      as(role);
      const { stream, pulled } = streamed(1024 * 1024);
      const response = await post({ kind: "orders", filename: "orders.csv" }, stream);
      expect(response.status).toBe(status);
      expect(pulled.bytes).toBeLessThanOrEqual(64 * 1024);
    }
    expect(await importCount()).toBe(0);
    expect(storedFiles()).toEqual([]);
  });

  it("refuses with 413 a body over the limit, whether declared or streamed, and keeps nothing of it", async () => {
    as("admin");
    const declared = streamed(4 * 1024 * 1024);
    const early = await post({ filename: "big.csv" }, declared.stream, { "content-length": String(4 * 1024 * 1024) });
    expect(early.status).toBe(413);
    expect(declared.pulled.bytes).toBeLessThanOrEqual(64 * 1024);

    const undeclared = streamed(4 * 1024 * 1024);
    const late = await post({ filename: "big.csv" }, undeclared.stream);
    expect(late.status).toBe(413);
    expect(((await late.json()) as { error: string }).error).toMatch(/larger than 3 MB/);
    expect(undeclared.pulled.bytes).toBeLessThan(4 * 1024 * 1024);
    expect(await importCount()).toBe(0);
    expect(storedFiles()).toEqual([]);
  });

  it("imports a small file at once: 200 with the result, or 422 with the lines refused", async () => {
    as("admin");
    const ok = await post({ kind: "orders", filename: "orders.csv" }, orderCsv);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ ok: true, kind: "orders", rowsWritten: 1 });
    expect((await getDb().select({ n: count() }).from(orders).get())!.n).toBe(1);

    const bad = await post({ kind: "orders", filename: "orders.csv" }, orderCsv.replace("R-1", "R-2").replace(",2,", ",two,"));
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ ok: false, errors: [{ line: 2, column: "quantity" }] });
    expect(storedFiles()).toEqual([]);
  });

  it("converts a file declared Windows-1252 and refuses it undeclared, by line and column", async () => {
    as("admin");
    const latin1 = Buffer.from("sku,name,category,price\nKIT-9,Crème brûlée set,Kitchen,12.50\n", "latin1");
    const undeclared = await post({ kind: "products", filename: "p.csv" }, latin1);
    expect(undeclared.status).toBe(422);
    expect(((await undeclared.json()) as { errors: { line: number; message: string }[] }).errors[0]).toMatchObject({ line: 2, message: expect.stringMatching(/column 9/) });
    const declared = await post({ kind: "products", filename: "p.csv", encoding: "windows-1252" }, latin1);
    expect(declared.status).toBe(200);
    expect((await getDb().select({ name: products.name }).from(products).where(eq(products.sku, "KIT-9")).get())?.name).toBe("Crème brûlée set");
  });

  it("queues a file over 2 MB with 202, keeping it on disk for the worker", async () => {
    as("admin");
    const lines = Array.from({ length: 80_000 }, (_, i) => `B-${i},2026-01-05,SKU-${i % 50},1,9.99`).join("\n");
    const response = await post({ kind: "orders", filename: "big.csv" }, `order_id,ordered_at,sku,quantity,unit_price\n${lines}\n`);
    expect(response.status).toBe(202);
    const { importId } = (await response.json()) as { ok: string; importId: number };
    const row = (await getDb().select().from(imports).where(eq(imports.id, importId)).get())!;
    expect(row).toMatchObject({ status: "queued", kind: "orders", filename: "big.csv", createdBy: idByRole.admin, options: { encoding: "utf-8" } });
    expect(existsSync(path.join(env.DATA_DIR, row.filePath!))).toBe(true);
  });

  it("refuses a query it does not understand with 400", async () => {
    as("admin");
    expect((await post({ kind: "invoices", filename: "x.csv" }, orderCsv)).status).toBe(400);
    expect((await post({ kind: "orders", filename: "x.csv", encoding: "ebcdic" }, orderCsv)).status).toBe(400);
  });
});
