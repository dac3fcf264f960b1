import bcrypt from "bcryptjs";

// Cost 10 keeps sign-in near 60 ms on this 2-core machine while staying within OWASP's bcrypt guidance.
const COST = 10;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}
