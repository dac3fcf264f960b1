import Link from "next/link";
import { useTranslations } from "next-intl";

export default function Forbidden() {
  const t = useTranslations("common");
  return (
    <main className="mx-auto max-w-lg p-10 text-center">
      <h1 className="text-2xl font-semibold">{t("forbiddenTitle")}</h1>
      <p className="mt-3 text-gray-600 dark:text-gray-400">
        {t("forbiddenBody")}
      </p>
      <Link href="/" className="mt-6 inline-block text-blue-600 underline dark:text-blue-400">
        {t("backHome")}
      </Link>
    </main>
  );
}
