import { productCount } from "@/lib/platform/health";

// Unauthenticated on purpose: it says only whether the app and its database answer, for the demo script and probes.
export const dynamic = "force-dynamic";

export async function GET() {
  return Response.json({ ok: true, products: await productCount() });
}
