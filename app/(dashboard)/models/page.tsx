import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { modelTasks } from "@/db/schema";
import { requireArea } from "@/lib/auth/session";
import { championVersion, trainingDataSummary } from "@/lib/platform/readiness";

export const metadata = { title: "Models" };

export default async function ModelsPage() {
  await requireArea("models");
  const db = getDb();
  const rows = modelTasks.map((task) => ({ task, champion: championVersion(db, task), data: trainingDataSummary(db, task) }));
  return (
    <>
      <PageHeader title="Models" description="One row per model task: its champion and the data it trains on." />
      <div className="card overflow-x-auto">
        <table className="w-full text-sm">
          <thead className="text-left text-gray-500 dark:text-gray-400">
            <tr>
              <th className="py-2 pr-4 font-medium">Task</th>
              <th className="py-2 pr-4 font-medium">Champion</th>
              <th className="py-2 font-medium">Training data available</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.task} className="border-t border-gray-100 dark:border-gray-800">
                <td className="py-2 pr-4 font-medium">{r.task}</td>
                <td className="py-2 pr-4">{r.champion ? `v${r.champion.version} (${r.champion.backend ?? "?"})` : "none trained yet"}</td>
                <td className="py-2">{r.data}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
