import { useTranslations } from "next-intl";
import { FilterField, FilterSelect } from "@/components/ui/filter-field";
import type { PreviewChoice, RecommenderVersion } from "@/lib/recommendations/overview";
import type { PlacementCode } from "@/lib/recommendations/types";

/**
 * Which scenarios the preview shows, in the URL (a GET form): A is a placement's draft, B another placement's draft,
 * or A's draft under another model version (B = none with a version chosen).
 */
export function ScenarioPicker({ choice, placements, versions }: { choice: PreviewChoice; placements: PlacementCode[]; versions: RecommenderVersion[] }) {
  const t = useTranslations("recommendations");
  const versionOptions = [
    { value: "", label: t("scenario.draftModel") },
    ...versions.filter((v) => v.usable).map((v) => ({ value: String(v.id), label: t("scenario.versionOption", { version: v.version, status: t(`versionStatus.${v.status}`) }) })),
  ];
  const placementOptions = placements.map((code) => ({ value: code, label: t("scenario.placementDraft", { placement: t(`placements.${code}.label`) }) }));
  return (
    <form method="get" aria-label={t("scenario.formLabel")} className="card mb-4 grid items-end gap-3 text-sm md:grid-cols-5">
      <FilterSelect label={t("scenario.a")} name="a" defaultValue={choice.a} options={placementOptions} />
      <FilterSelect label={t("scenario.aModel")} name="va" defaultValue={choice.va ? String(choice.va) : ""} options={versionOptions} />
      <FilterField label={t("scenario.b")}>
        <select className="input" name="b" defaultValue={choice.b}>
          <option value="none">{t("scenario.none")}</option>
          {placementOptions.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </FilterField>
      <FilterSelect label={t("scenario.bModel")} name="vb" defaultValue={choice.vb ? String(choice.vb) : ""} options={versionOptions} />
      <button className="rounded-md bg-blue-600 px-3 py-2 text-white" type="submit">
        {t("scenario.submit")}
      </button>
    </form>
  );
}
