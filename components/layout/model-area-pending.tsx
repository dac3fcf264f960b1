import { useTranslations } from "next-intl";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

/** The honest state of a model area before its first model is trained: what data is ready, and nothing invented. */
export function ModelAreaPending({ title, description, dataSummary }: { title: string; description: string; dataSummary: string }) {
  const t = useTranslations("common.modelPending");
  return (
    <>
      <PageHeader title={title} description={description} />
      <EmptyState title={t("title")}>
        <p>{t("readyOn", { data: dataSummary })}</p>
        <p className="mt-1">{t("afterTraining")}</p>
      </EmptyState>
    </>
  );
}
