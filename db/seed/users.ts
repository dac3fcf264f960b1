import type { Db } from "../client";
import { users, type Role } from "../schema";

/** Demo sign-ins, one per role. Printed by `npm run demo`; they exist only in the demo database. */
export const demoUsers: { email: string; name: string; role: Role; password: string }[] = [
  { email: "admin@demo.store", name: "Ada Admin", role: "admin", password: "demo-admin" },
  { email: "admin2@demo.store", name: "Alan Admin", role: "admin", password: "demo-admin2" },
  { email: "merch@demo.store", name: "Mia Merchandiser", role: "merchandiser", password: "demo-merch" },
  { email: "planner@demo.store", name: "Paul Planner", role: "planner", password: "demo-planner" },
  { email: "risk@demo.store", name: "Rita Risk", role: "risk_analyst", password: "demo-risk" },
  { email: "risk2@demo.store", name: "Raj Risk", role: "risk_analyst", password: "demo-risk2" },
  { email: "viewer@demo.store", name: "Vera Viewer", role: "viewer", password: "demo-viewer" },
];

/** Writes the demo accounts; the caller passes the password hasher (lib/auth/password.ts): db/ imports nothing of ours. */
export async function seedDemoUsers(db: Db, hashPassword: (password: string) => Promise<string>): Promise<void> {
  const now = new Date();
  for (const u of demoUsers) {
    db.insert(users)
      .values({ email: u.email, name: u.name, role: u.role, passwordHash: await hashPassword(u.password), createdAt: now })
      .onConflictDoNothing()
      .run();
  }
}
