import { redirect } from "next/navigation";
import { z } from "zod";
import { requireArea } from "@/lib/auth/session";

// The product box on /recommendations is a GET form (it works before any JavaScript): it lands here with ?sku=,
// and the product's page lives at its own path.
const searchSchema = z.object({ sku: z.string().trim().max(64).optional().catch(undefined) });

export default async function ProductLookupPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireArea("recommendations");
  const { sku } = searchSchema.parse(await searchParams);
  redirect(sku ? `/recommendations/products/${encodeURIComponent(sku)}` : "/recommendations");
}
