// The roles a person can hold, for app/ and components/ (which do not import db/). Type-only for client components.
export { roles, type Role } from "@/db/schema/auth";
