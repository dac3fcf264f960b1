"use client";

import { useRouter } from "next/navigation";
import { useEffect, useEffectEvent, useId, useRef, useState, useTransition } from "react";
import { claimCaseAction, decideCaseAction, releaseCaseAction } from "@/app/(dashboard)/fraud/actions";
import { ActionError } from "@/components/ui/action-error";
import { Button } from "@/components/ui/button";
import type { CaseStatus } from "@/db/schema";

type Decision = "fraud" | "legitimate" | "escalate";

/** Who holds the case as this page knows it: the claim made on opening, or the reason there is none. */
type Claim =
  | { state: "claiming" }
  | { state: "mine" }
  | { state: "theirs"; email: string; claimedAt: string }
  | { state: "released" }
  | { state: "unavailable"; error: string };

const NOTE_MIN = 3;
const verb: Record<Decision, string> = { fraud: "Confirmed as fraud", legitimate: "Marked legitimate", escalate: "Escalated" };
const keyOf: Record<Decision, string> = { fraud: "f", legitimate: "l", escalate: "e" };
const label: Record<Decision, string> = { fraud: "Confirm fraud", legitimate: "Mark legitimate", escalate: "Escalate" };

const time = (iso: string) => new Date(iso).toISOString().slice(11, 16) + " UTC";

/** Keys typed into a field belong to the field, and a key with a modifier belongs to the browser. */
function isTyping(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  if (!target) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

function Kbd({ children }: { children: React.ReactNode }) {
  return (
    <kbd aria-hidden="true" className="ml-1.5 rounded border border-current/30 px-1 font-mono text-[10px] leading-4 opacity-70">
      {children}
    </kbd>
  );
}

/**
 * The analyst's side of a case: opening the page claims it (from the browser, after it has loaded: a GET must not
 * write), a claim held by a colleague is shown with who and since when, and the decision goes in at the version the
 * page loaded, so a colleague's decision made meanwhile is refused with who decided what. Keyboard: f fraud,
 * l legitimate, e escalate, j next, k previous. Fraud and escalate need a note: with none, the key puts the cursor in
 * the note and Ctrl+Enter (or Esc, then the key again) decides. After a decision the next case of the queue opens.
 */
export function CaseWorkbench({
  caseId,
  version,
  status,
  canDecide,
  initialHolder,
  previousHref,
  nextHref,
  queueHref,
  selfHref,
}: {
  caseId: number;
  version: number;
  status: CaseStatus;
  canDecide: boolean;
  /** A live claim by someone else when the page was rendered (shown to admins, and to analysts until their own claim answers). */
  initialHolder: { email: string; claimedAt: string; mine: boolean } | null;
  previousHref: string | null;
  nextHref: string | null;
  queueHref: string;
  selfHref: string;
}) {
  const router = useRouter();
  const id = useId();
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const active = status === "open" || status === "escalated";
  // Decisions name the version this page loaded, even if a refresh later re-renders it with a newer one.
  const [loadedVersion] = useState(version);
  const [claim, setClaim] = useState<Claim>({ state: "claiming" });
  const [note, setNote] = useState("");
  const [asking, setAsking] = useState<Decision | null>(null);
  const [failure, setFailure] = useState<{ code: string; error: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const mayDecide = canDecide && active && claim.state !== "theirs" && claim.state !== "claiming" && done === null;

  const requestClaim = () =>
    claimCaseAction({ caseId }).then((r) => {
      if (!r.ok) setClaim({ state: "unavailable", error: r.error });
      else if (r.data.claimed) setClaim({ state: "mine" });
      else if (r.data.heldBy) setClaim({ state: "theirs", email: r.data.heldBy.email, claimedAt: r.data.heldBy.claimedAt });
      else setClaim({ state: "unavailable", error: "This case is closed." });
    });
  const claimOnOpen = useEffectEvent(() => void requestClaim());
  // Once per case (the page is keyed by case): a refresh of the same case does not claim again.
  useEffect(() => {
    if (canDecide && active) claimOnOpen();
  }, [caseId, canDecide, active]);

  const decide = (decision: Decision) => {
    if (!mayDecide || pending) return;
    if (decision === "escalate" && status === "escalated") return;
    if (decision !== "legitimate" && note.trim().length < NOTE_MIN) {
      setAsking(decision);
      noteRef.current?.focus();
      return;
    }
    setFailure(null);
    setAsking(null);
    start(async () => {
      const r = await decideCaseAction({ caseId, expectedVersion: loadedVersion, decision, note: note.trim() || undefined });
      if (!r.ok) {
        setFailure({ code: r.code, error: r.fieldErrors?.note?.join(" ") ?? r.error });
        return;
      }
      setDone(`${verb[decision]}. ${nextHref ? "Opening the next case…" : "That was the last case of the queue."}`);
      router.push(nextHref ?? queueHref);
    });
  };

  /** Leaving a case without deciding gives the claim back, so a colleague need not wait for it to lapse. */
  const go = (href: string | null) => {
    if (!href || pending) return;
    start(async () => {
      if (claim.state === "mine" && done === null) await releaseCaseAction({ caseId });
      router.push(href);
    });
  };

  const release = () =>
    start(async () => {
      const r = await releaseCaseAction({ caseId });
      if (r.ok) setClaim({ state: "released" });
      else setFailure({ code: r.code, error: r.error });
    });

  const reclaim = () => {
    setClaim({ state: "claiming" });
    void requestClaim();
  };

  const onKey = useEffectEvent((event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event)) return;
    const key = event.key.toLowerCase();
    if (key === "j" || key === "k") {
      event.preventDefault();
      go(key === "j" ? nextHref : previousHref);
    } else if (key === "f" || key === "l" || key === "e") {
      if (!mayDecide) return;
      event.preventDefault();
      decide(key === "f" ? "fraud" : key === "l" ? "legitimate" : "escalate");
    }
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKey(event);
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, []);

  const onNoteKey = (event: React.KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Escape") event.currentTarget.blur();
    else if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && asking) {
      event.preventDefault();
      decide(asking);
    }
  };

  const holder =
    claim.state === "theirs" ? { email: claim.email, claimedAt: claim.claimedAt } : !canDecide && initialHolder && !initialHolder.mine ? initialHolder : null;

  return (
    <section className="card mb-4 flex flex-col gap-3" aria-labelledby={`${id}-heading`} data-testid="case-workbench">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id={`${id}-heading`} className="font-medium">
          Decision
        </h2>
        <div className="flex gap-2">
          <Button type="button" variant="secondary" disabled={!previousHref || pending} onClick={() => go(previousHref)}>
            Previous
            <Kbd>k</Kbd>
          </Button>
          <Button type="button" variant="secondary" disabled={!nextHref || pending} onClick={() => go(nextHref)}>
            Next
            <Kbd>j</Kbd>
          </Button>
        </div>
      </div>

      {active && (
        <div className="text-sm" role="status" data-testid="claim-status">
          {holder ? (
            <p className="text-amber-800 dark:text-amber-300">
              Held by {holder.email} since {time(holder.claimedAt)}: they are working on it.
              {canDecide && " You can read it; decisions wait until they decide or release it (a claim lapses after 15 minutes idle)."}
            </p>
          ) : !canDecide ? (
            <p className="text-gray-600 dark:text-gray-400">Nobody holds this case. Read-only: only risk analysts decide cases.</p>
          ) : claim.state === "claiming" ? (
            <p className="text-gray-600 dark:text-gray-400">Claiming this case…</p>
          ) : claim.state === "mine" ? (
            <p className="text-gray-600 dark:text-gray-400">You hold this case: colleagues see it is yours until you decide or release it.</p>
          ) : claim.state === "released" ? (
            <p className="text-gray-600 dark:text-gray-400">You released this case; a colleague may take it.</p>
          ) : claim.state === "unavailable" ? (
            <p className="text-red-700 dark:text-red-400">{claim.error}</p>
          ) : null}
          {canDecide && (claim.state === "mine" || claim.state === "released" || claim.state === "theirs") && done === null && (
            <span className="mt-1 inline-flex gap-2">
              {claim.state === "mine" ? (
                <Button type="button" variant="ghost" disabled={pending} onClick={release}>
                  Release
                </Button>
              ) : (
                <Button type="button" variant="ghost" disabled={pending} onClick={reclaim}>
                  {claim.state === "theirs" ? "Try to claim again" : "Claim again"}
                </Button>
              )}
            </span>
          )}
        </div>
      )}

      {!active && <p className="text-sm text-gray-600 dark:text-gray-400">This case is closed: nothing is left to decide.</p>}

      {canDecide && active && (
        <>
          <label htmlFor={`${id}-note`} className="flex flex-col gap-1 text-xs font-medium text-gray-600 dark:text-gray-400">
            Note
            <textarea
              id={`${id}-note`}
              ref={noteRef}
              rows={2}
              maxLength={1000}
              className="input"
              value={note}
              onChange={(e) => setNote(e.target.value)}
              onKeyDown={onNoteKey}
              aria-describedby={asking ? `${id}-ask` : undefined}
              aria-invalid={asking ? true : undefined}
              placeholder="Why: required to confirm fraud or escalate"
            />
          </label>
          {asking && (
            <p id={`${id}-ask`} className="text-xs text-amber-800 dark:text-amber-300" role="status">
              Add a note (at least {NOTE_MIN} characters), then press Ctrl+Enter, or Esc and {keyOf[asking]} again, to {label[asking].toLowerCase()}.
            </p>
          )}
          <div className="flex flex-wrap gap-2">
            <Button type="button" disabled={!mayDecide || pending} onClick={() => decide("fraud")} className="bg-red-700 hover:bg-red-800 disabled:bg-red-400">
              Confirm fraud
              <Kbd>f</Kbd>
            </Button>
            <Button type="button" disabled={!mayDecide || pending} onClick={() => decide("legitimate")} className="bg-green-700 hover:bg-green-800 disabled:bg-green-400">
              Mark legitimate
              <Kbd>l</Kbd>
            </Button>
            <Button type="button" variant="secondary" disabled={!mayDecide || pending || status === "escalated"} onClick={() => decide("escalate")}>
              Escalate
              <Kbd>e</Kbd>
            </Button>
          </div>
        </>
      )}

      {pending && done === null && <p className="text-xs text-gray-500">Working…</p>}
      {done && (
        <p role="status" className="text-sm text-green-700 dark:text-green-400" data-testid="decision-done">
          {done}
        </p>
      )}
      {failure && <ActionError error={failure.error} code={failure.code} reloadHref={selfHref} />}

      <p className="text-xs text-gray-500" data-testid="shortcut-legend">
        Keys:{" "}
        {canDecide && active && (
          <>
            <kbd className="font-mono">f</kbd> confirm fraud · <kbd className="font-mono">l</kbd> legitimate · <kbd className="font-mono">e</kbd> escalate ·{" "}
          </>
        )}
        <kbd className="font-mono">j</kbd> next · <kbd className="font-mono">k</kbd> previous
        {canDecide && active && (
          <>
            {" "}
            · <kbd className="font-mono">Esc</kbd> leave the note · <kbd className="font-mono">Ctrl+Enter</kbd> decide from the note
          </>
        )}
      </p>
    </section>
  );
}
