import Link from "next/link";
import { connection } from "next/server";
import { getTranslations } from "next-intl/server";

// Rendered per request, not prerendered: its scripts need the request's CSP nonce (proxy.ts) to run.
export default async function NotFound() {
  await connection();
  const t = await getTranslations("common");
  return (
    <main className="mx-auto max-w-lg p-10 text-center">
      <h1 className="text-2xl font-semibold">{t("notFoundTitle")}</h1>
      <Link href="/" className="mt-6 inline-block text-blue-600 underline dark:text-blue-400">
        {t("backHome")}
      </Link>
    </main>
  );
}
