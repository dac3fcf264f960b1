/**
 * Once per `npx playwright test` run, before any test: a small demo store (scale 0.03) in a temporary data directory,
 * the production app (`next start`: run `next build` first) and the training worker on it. The tests read the app's
 * URL and the data directory from the environment (fixtures.ts); the function returned stops both and removes the
 * directory after the last test.
 */
import path from "node:path";
import { openDb } from "../../db/client";
import { seedDemoStore } from "../../db/seed/index";
import { seedDemoUsers } from "../../db/seed/users";
import { hashPassword } from "../../lib/auth/password";
import { enqueueJob } from "../../lib/jobs/queue";
import { freePort, startApp, startWorker, tempDataDir } from "./harness";

export default async function globalSetup(): Promise<() => Promise<void>> {
  const data = tempDataDir();
  try {
    const db = openDb(path.join(data.dir, "storefront.db"));
    await seedDemoStore(db, { scale: 0.03 });
    await seedDemoUsers(db, hashPassword);
    // The forecast is trained and published by the worker like in the demo; the best seller is left without stock so
    // the planner's list has a stockout exception whatever the model says.
    enqueueJob(db, { kind: "train", task: "forecast", createdBy: null, params: { promoteIfNoChampion: true } });
    const bestSeller = db.$client
      .prepare<[], { id: number; sku: string }>("SELECT p.id, p.sku FROM daily_sales d JOIN products p ON p.id = d.product_id GROUP BY p.id ORDER BY SUM(d.units) DESC LIMIT 1")
      .get()!;
    db.$client.prepare("UPDATE inventory_positions SET on_hand = 0, on_order = 0 WHERE product_id = ?").run(bestSeller.id);
    db.$client.close();

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
