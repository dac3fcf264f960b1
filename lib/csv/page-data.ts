import "server-only";
import { listApiKeys } from "@/lib/api-keys";
import { getDb } from "@/lib/db";
import { storeCounts } from "@/lib/overview/queries";
import { findImport, recentImports } from "./queries";
import { receiveUpload, type Upload, type UploadOutcome } from "./upload";

/** What the Data page shows: the latest imports, the one being watched (?import=id), the store's counts and the API keys. */
export async function dataPage(watchedId: number | undefined) {
  const db = getDb();
  const recent = await recentImports(db);
  const watched = watchedId === undefined ? null : await findImport(db, watchedId);
  const counts = await storeCounts(db);
  return { recent, watched, counts, apiKeys: await listApiKeys(db) };
}

/** An upload to POST /api/imports, received into the app's database (./upload.ts). */
export function receiveImportUpload(upload: Upload): Promise<UploadOutcome> {
  return receiveUpload(getDb(), upload);
}
