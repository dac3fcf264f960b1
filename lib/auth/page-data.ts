import "server-only";
import { getDb } from "@/lib/db";
import { listUsers, type ManagedUser } from "./user-admin";

export { roles, type Role } from "./roles";

/** Every account, for the Users page (admins). */
export function usersPage(): Promise<ManagedUser[]> {
  return listUsers(getDb());
}
