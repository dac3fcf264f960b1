import { parseCsvText } from "@/models/io/csv";
import { TaskInputError } from "@/models/task";

/** A task's parsers fed from CSV text, as `npm run ml -- fit-predict` feeds them from files. */
export function csvParsers<Train, Test>(task: {
  parseTrain(records: ReturnType<typeof parseCsvText>["records"], columns: string[]): Train[];
  parseTest(records: ReturnType<typeof parseCsvText>["records"], columns: string[]): Test[];
}) {
  return {
    parseTrain: (text: string) => {
      const { columns, records } = parseCsvText(text);
      return task.parseTrain(records, columns);
    },
    parseTest: (text: string) => {
      const { columns, records } = parseCsvText(text);
      return task.parseTest(records, columns);
    },
  };
}

/** The TaskInputError `fn` throws (any other error is rethrown; no error fails the test). */
export function taskInputErrorOf(fn: () => unknown): TaskInputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof TaskInputError) return error;
    throw error;
  }
  throw new Error("expected a TaskInputError");
}
