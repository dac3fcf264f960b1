import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

/** The honest state of a model area before its first model is trained: what data is ready, and nothing invented. */
export function ModelAreaPending({ title, description, dataSummary }: { title: string; description: string; dataSummary: string }) {
  return (
    <>
      <PageHeader title={title} description={description} />
      <EmptyState title="No model has been trained for this area yet">
        <p>Ready to train on: {dataSummary}.</p>
        <p className="mt-1">Results appear here once an admin trains and promotes a model.</p>
      </EmptyState>
    </>
  );
}
