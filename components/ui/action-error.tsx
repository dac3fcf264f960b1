import { useTranslations } from "next-intl";
/** A refused action in words; a stale page (conflict) also gets a link that reloads it with the latest data. */
export function ActionError({ error, code, reloadHref }: { error: string; code: string; reloadHref: string }) {
  const t = useTranslations("ui");
  return (
    <p role="alert" className="text-sm text-red-700 dark:text-red-400">
      {error}
      {code === "conflict" && (
        <>
          {" "}
          <a href={reloadHref} className="font-medium underline">
            {t("reload")}
          </a>
        </>
      )}
    </p>
  );
}
