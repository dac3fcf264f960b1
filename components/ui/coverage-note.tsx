/**
 * The measured coverage of a P10-P90 interval, printed beside it in small grey text; the title says what the number
 * means. Renders nothing when no coverage is recorded (lib returns null then), so no figure is ever made up.
 */
export type CoverageNoteText = { text: string; title: string };

export function CoverageNote({ note, className = "" }: { note: CoverageNoteText | null | undefined; className?: string }) {
  if (!note) return null;
  return (
    <span className={`text-xs text-gray-500 underline decoration-dotted dark:text-gray-400 underline-offset-2 ${className}`} title={note.title} data-testid="coverage-note">
      {note.text}
    </span>
  );
}
