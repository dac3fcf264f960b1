import { openDb } from "@/db/client";
import { env } from "@/lib/env";

// npm run db:migrate. openDb applies every pending migration in db/migrations before returning.
const db = openDb(env.DATABASE_PATH);
db.$client.close();
console.log(`Database ready at ${env.DATABASE_PATH}`);
