"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/action";
import { importCsv, importKindKeys } from "@/lib/csv/import";

// defineAction authorizes every call on the server: session first, then the data.import capability (admins).
export const importCsvAction = defineAction(
  {
    name: "importCsv",
    capability: "data.import",
    input: z.object({
      kind: z.enum(["auto", ...importKindKeys]),
      filename: z.string().trim().min(1).max(255),
      text: z.string().min(1, "The file is empty.").max(40_000_000, "Files over 40 MB should be imported with `npm run import`."),
    }),
  },
  async (input, { user, db }) => {
    const result = importCsv(db, { ...input, actor: { id: user.id, email: user.email } });
    revalidatePath("/data");
    revalidatePath("/audit");
    if (result.ok) revalidatePath("/", "layout");
    return result;
  },
);
