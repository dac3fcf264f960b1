import { FilterField, FilterSelect } from "@/components/ui/filter-field";
import type { PlacementCode } from "@/db/schema";
import type { PreviewChoice, RecommenderVersion } from "@/lib/recommendations/overview";
import { versionStatusText } from "./format";

/**
 * Which scenarios the preview shows, in the URL (a GET form): A is a placement's draft, B another placement's draft,
 * or A's draft under another model version (B = none with a version chosen).
 */
export function ScenarioPicker({ choice, placements, versions }: { choice: PreviewChoice; placements: { code: PlacementCode; label: string }[]; versions: RecommenderVersion[] }) {
  const versionOptions = [{ value: "", label: "The draft's model" }, ...versions.filter((v) => v.usable).map((v) => ({ value: String(v.id), label: `v${v.version} (${versionStatusText(v.status)})` }))];
  const placementOptions = placements.map((p) => ({ value: p.code, label: `${p.label} draft` }));
  return (
    <form method="get" aria-label="Choose scenarios" className="card mb-4 grid items-end gap-3 text-sm md:grid-cols-5">
      <FilterSelect label="Scenario A" name="a" defaultValue={choice.a} options={placementOptions} />
      <FilterSelect label="A's model" name="va" defaultValue={choice.va ? String(choice.va) : ""} options={versionOptions} />
      <FilterField label="Compare with (B)">
        <select className="input" name="b" defaultValue={choice.b}>
          <option value="none">No other placement</option>
          {placementOptions.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </FilterField>
      <FilterSelect label="B's model" name="vb" defaultValue={choice.vb ? String(choice.vb) : ""} options={versionOptions} />
      <button className="rounded-md bg-blue-600 px-3 py-2 text-white" type="submit">
        Preview
      </button>
    </form>
  );
}
