import { demoUsers } from "../db/seed/users";
import { messages } from "../lib/i18n/messages";

const url = process.argv[2] ?? "http://localhost:3000";
console.log(`\nStorefront Intelligence is running at ${url}\n\nDemo sign-ins (demo database only):`);
for (const u of demoUsers) console.log(`  ${messages.en.nav.roles[u.role].padEnd(18)} ${u.email.padEnd(22)} ${u.password}`);
console.log("\nPress Ctrl+C to stop.");
