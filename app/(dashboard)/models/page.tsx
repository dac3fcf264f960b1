import { PageHeader } from "@/components/ui/page-header";
import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
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
      <div className="card">
        <Table testId="models-table">
          <HeaderRow>
            <Th>Task</Th>
            <Th>Champion</Th>
            <Th>Training data available</Th>
          </HeaderRow>
          <tbody>
            {rows.map((r) => (
              <Tr key={r.task}>
                <Td className="font-medium">{r.task}</Td>
                <Td>{r.champion ? `v${r.champion.version} (${r.champion.backend ?? "?"})` : "none trained yet"}</Td>
                <Td>{r.data}</Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      </div>
    </>
  );
}
