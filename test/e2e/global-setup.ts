/**
 * Once per `npx playwright test` run, before any test: a small demo store (scale 0.03), the production app (`next
 * start`: run `next build` first) and the training worker on it. The store is the SQLite file of a temporary data
 * directory, or, when DATABASE_URL is a postgres:// address, the PostgreSQL schema DATABASE_SCHEMA ("e2e" unless set),
 * dropped and created anew (scripts/e2e-postgres.sh). The tests read the app's URL and the data directory from the
 * environment (fixtures.ts, store.ts); the function returned stops both and removes the directory after the last test
 * (a PostgreSQL schema is left for a look afterwards, and dropped by the next run).
 */
import { desc, eq, sum } from "drizzle-orm";
import { enqueueJob } from "../../lib/jobs/queue";
import { seedDemo } from "../../lib/platform/demo-store";
import { dailySales, inventoryPositions, products } from "../../lib/schema";
import { freePort, startApp, startWorker, tempDataDir } from "./harness";
import { dropStoreSchema } from "../support/postgres";
import { defaultE2eSchema, describeStore, storeLocation, withStore } from "./store";

export default async function globalSetup(): Promise<() => Promise<void>> {
  const data = tempDataDir();
  try {
    // The app and the worker (harness.ts passes them the environment) and the tests use this same schema.
    if (process.env.DATABASE_URL && !process.env.DATABASE_SCHEMA) process.env.DATABASE_SCHEMA = defaultE2eSchema;
    const location = storeLocation(data.dir);
    if (location.dialect === "postgres") {
      // A fresh schema every run: the seed refuses a store that already has products. Its pg-boss queue beside it goes
      // too: pg-boss ids follow job ids, so an old queue would take the new jobs for ones it already ran.
      await dropStoreSchema(location.schema, location.url);
    }
    console.log(`The browser tests' store: ${describeStore(location)}`);
    const bestSeller = await withStore(
      async (db) => {
        await seedDemo(db, { scale: 0.03 });
        // The forecast is trained and published by the worker like in the demo; the best seller is left without stock
        // so the planner's list has a stockout exception whatever the model says.
        await enqueueJob(db, { kind: "train", task: "forecast", createdBy: null, params: { promoteIfNoChampion: true } });
        const best = await db
          .select({ id: products.id, sku: products.sku })
          .from(dailySales)
          .innerJoin(products, eq(products.id, dailySales.productId))
          .groupBy(products.id, products.sku)
          .orderBy(desc(sum(dailySales.units)), products.id)
          .limit(1)
          .get();
        if (!best) throw new Error("the demo store has no sales");
        await db.update(inventoryPositions).set({ onHand: 0, onOrder: 0 }).where(eq(inventoryPositions.productId, best.id)).run();
        return best;
      },
      { location, migrate: true },
    );

    const app = await startApp(data.dir, await freePort());
    const worker = startWorker(data.dir);
    process.env.E2E_URL = app.url;
    process.env.E2E_DATA_DIR = data.dir;
    process.env.E2E_BEST_SELLER = JSON.stringify(bestSeller);
    return async () => {
      app.stop();
      worker.stop();
      data.cleanup();
    };
  } catch (error) {
    data.cleanup();
    throw error;
  }
}
