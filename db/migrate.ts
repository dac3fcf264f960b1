import { env } from "../lib/env";
import { openDb } from "./client";

// openDb applies every pending migration in db/migrations before returning.
const db = openDb(env.DATABASE_PATH);
db.$client.close();
console.log(`Database ready at ${env.DATABASE_PATH}`);
