import Link from "next/link";
import { useTranslations } from "next-intl";
import { linkClass } from "./format";

/** The way back to the Recommendations overview, above every page of the area. */
export function BackLink() {
  const t = useTranslations("recommendations");
  return (
    <p className="mb-2 text-sm">
      <Link href="/recommendations" className={linkClass}>
        {t("back")}
      </Link>
    </p>
  );
}
