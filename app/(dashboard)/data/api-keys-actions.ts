"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/action";
import { createApiKey, revokeApiKey } from "@/lib/api-keys";
import { apiScopes } from "@/lib/api-scopes";

// defineAction authorizes every action below on the server: a session, then users.manage (admins), since API keys
// are credentials like user accounts. Both are audited in lib/api-keys.ts (never with the key itself). The plain
// key is in the create result, shown once.

export const createApiKeyAction = defineAction(
  {
    name: "createApiKey",
    capability: "users.manage",
    input: z.object({
      name: z.string().trim().min(1, "data.apiKeys.nameRequired").max(100),
      scopes: z.array(z.enum(apiScopes)).min(1).default(["fraud:score"]),
    }),
  },
  async (input, { user, db }) => {
    const created = await createApiKey(db, user, input);
    revalidatePath("/data");
    revalidatePath("/audit");
    return created;
  },
);

export const revokeApiKeyAction = defineAction(
  { name: "revokeApiKey", capability: "users.manage", input: z.object({ id: z.number().int().positive() }) },
  async ({ id }, { user, db }) => {
    const revoked = await revokeApiKey(db, user, id);
    revalidatePath("/data");
    revalidatePath("/audit");
    return revoked;
  },
);
