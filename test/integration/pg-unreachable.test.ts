/**
 * While PostgreSQL cannot be reached, what the app answers is "unavailable" (503) with a clear message (route
 * handlers and actions through lib/errors.ts, pages through proxy.ts and lib/platform/db-availability.ts), and the same
 * process works again once the database is back, without a restart: also when it was unreachable from the start
 * (its migrations are tried again by the next statement). The server is put "out of reach" by a TCP relay in front
 * of it that the test stops and starts again. Needs PostgreSQL (test/support/postgres.ts).
 */
import { sql } from "drizzle-orm";
import net from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { httpStatus, userMessage } from "@/lib/errors";
import { openPostgres, type Db } from "@/lib/db";
import { databaseDownSince, pageVerdict, PROBE_EVERY_MS } from "@/lib/platform/db-availability";
import { dropSchema, postgresUnreachable, postgresUrl, testSchemaName } from "../support/postgres";

const unreachable = await postgresUnreachable("PostgreSQL outage tests");
const schema = testSchemaName("outage");
const target = new URL(postgresUrl);

/** A relay from a local port to the PostgreSQL server; `stop` refuses new connections and cuts the open ones. */
function relay(port = 0) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("error", () => s.destroy());
      s.on("close", () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
  });
  return {
    start: () => new Promise<number>((resolve) => server.listen(port, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port))),
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

const throughRelay = (port: number) => {
  const url = new URL(postgresUrl);
  url.port = String(port);
  url.hostname = "127.0.0.1";
  return url.toString();
};

const opened: Db[] = [];
afterAll(async () => {
  for (const db of opened) await db.close().catch(() => undefined);
  if (!unreachable) await dropSchema(schema);
});

async function outcome(db: Db): Promise<{ status: number; message: string } | "ok"> {
  try {
    await db.get(sql`select 1`);
    return "ok";
  } catch (error) {
    const { code, message } = userMessage(error);
    return { status: code === "internal" ? 500 : httpStatus[code], message };
  }
}

describe.skipIf(unreachable !== null)("PostgreSQL out of reach", () => {
  it("answers 503 while the database is gone and recovers when it is back", async () => {
    const first = relay();
    const port = await first.start();
    const db = openPostgres(throughRelay(port), { schema, max: 2 });
    opened.push(db);
    expect(await outcome(db)).toBe("ok");

    expect(databaseDownSince()).toBeNull();

    await first.stop();
    const down = await outcome(db);
    expect(down).toMatchObject({ status: 503 });
    expect((down as { message: string }).message).toMatch(/database cannot be reached/i);
    // Pages answer 503 too (proxy.ts), but for one probe request every few seconds.
    expect(databaseDownSince()).not.toBeNull();
    const now = Date.now();
    expect([pageVerdict(now), pageVerdict(now + 1)]).toEqual(["serve", "unavailable"]);
    expect(pageVerdict(now + PROBE_EVERY_MS)).toBe("serve");

    const again = relay(port);
    await again.start();
    expect(await outcome(db)).toBe("ok");
    expect(databaseDownSince()).toBeNull();
    expect(pageVerdict()).toBe("serve");
    await again.stop();
  });

  it("recovers when the database was unreachable from the start", async () => {
    const later = relay();
    const port = await later.start();
    await later.stop();
    const db = openPostgres(throughRelay(port), { schema, max: 2 });
    opened.push(db);
    expect(await outcome(db)).toMatchObject({ status: 503 });
    const back = relay(port);
    await back.start();
    expect(await outcome(db)).toBe("ok");
    await back.stop();
  });
});
