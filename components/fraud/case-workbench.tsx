"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, useTransition } from "react";
import { decideCaseAction } from "@/app/(dashboard)/fraud/actions";
import { ActionError } from "@/components/ui/action-error";
import { Button } from "@/components/ui/button";
import type { CaseStatus } from "@/db/schema";
import { handFocusToNextWorkbench, isShortcutKey, takeWorkbenchFocus, useShortcutsEnabled } from "./shortcuts";
import { Kbd, ShortcutsSwitch } from "./shortcuts-switch";
import { useCaseClaim, type Claim } from "./use-case-claim";

type Decision = "fraud" | "legitimate" | "escalate";

const NOTE_MIN = 3;
const verb: Record<Decision, string> = { fraud: "Confirmed as fraud", legitimate: "Marked legitimate", escalate: "Escalated" };
const keyOf: Record<Decision, string> = { fraud: "F", legitimate: "L", escalate: "E" };
const label: Record<Decision, string> = { fraud: "Confirm fraud", legitimate: "Mark legitimate", escalate: "Escalate" };
const decisionOfKey: Record<string, Decision> = { f: "fraud", l: "legitimate", e: "escalate" };

const time = (iso: string) => new Date(iso).toISOString().slice(11, 16) + " UTC";

/**
 * The analyst's side of a case. Opening it claims nothing; the first action does ("Take case", starting a note, or
 * the decision itself), and leaving it gives the claim back (see useCaseClaim). A claim held by a colleague is shown
 * with who and since when. The decision goes in at the version the page loaded, so a colleague's decision made
 * meanwhile is refused with who decided what. After a decision the next case of the queue opens.
 *
 * Keyboard (WCAG 2.1.4): the single keys F, L, E (decide), J, K (next, previous) work only while focus is inside this
 * panel (click in it, or arrive by keyboard from the queue or the previous case), and not at all when the analyst
 * turns "Keyboard shortcuts" off. Fraud and escalate need a note: with none, the key puts the cursor in the note and
 * Ctrl+Enter (or Esc, then the key again) decides.
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
  /** A live claim when the page was rendered: a colleague's, or the analyst's own (another tab, a reload). */
  initialHolder: { email: string; claimedAt: string; mine: boolean } | null;
  previousHref: string | null;
  nextHref: string | null;
  queueHref: string;
  selfHref: string;
}) {
  const router = useRouter();
  const id = useId();
  const panelRef = useRef<HTMLElement>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const active = status === "open" || status === "escalated";
  const shortcuts = useShortcutsEnabled();
  // Decisions name the version this page loaded, even if a refresh later re-renders it with a newer one.
  const [loadedVersion] = useState(version);
  const initialClaim: Claim = !initialHolder ? { state: "none" } : initialHolder.mine ? { state: "mine" } : { state: "theirs", email: initialHolder.email, claimedAt: initialHolder.claimedAt };
  const { claim, take, keepAlive, release, leave, decided, awaitClaim } = useCaseClaim(caseId, initialClaim);
  const [note, setNote] = useState("");
  const [asking, setAsking] = useState<Decision | null>(null);
  const [failure, setFailure] = useState<{ code: string; error: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const mayDecide = canDecide && active && claim.state !== "theirs" && done === null;
  const mayClaim = canDecide && active && done === null;

  // Arrived by keyboard (Enter in the queue, J/K or a decision on the previous case): keep working by keyboard here.
  useEffect(() => {
    if (takeWorkbenchFocus()) panelRef.current?.focus({ preventScroll: true });
  }, []);

  const focusIsHere = () => panelRef.current?.contains(document.activeElement) ?? false;

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
    const byKeyboard = focusIsHere();
    start(async () => {
      // A claim still on its way must land first, or it could arrive after an escalation and hold the case again.
      await awaitClaim();
      const r = await decideCaseAction({ caseId, expectedVersion: loadedVersion, decision, note: note.trim() || undefined });
      if (!r.ok) {
        setFailure({ code: r.code, error: r.fieldErrors?.note?.join(" ") ?? r.error });
        return;
      }
      decided();
      setDone(`${verb[decision]}. ${nextHref ? "Opening the next case…" : "That was the last case of the queue."}`);
      if (byKeyboard) handFocusToNextWorkbench();
      router.push(nextHref ?? queueHref);
    });
  };

  /** Leaving a case without deciding gives the claim back, so a colleague need not wait for it to lapse. */
  const go = (href: string | null) => {
    if (!href || pending) return;
    if (focusIsHere()) handFocusToNextWorkbench();
    leave();
    router.push(href);
  };

  const onRelease = () =>
    start(async () => {
      const r = await release();
      if (!r.ok) setFailure({ code: r.code, error: r.error });
    });

  const onTake = () => {
    setFailure(null);
    start(async () => {
      await take();
    });
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLElement>) => {
    if (!shortcuts || !isShortcutKey(event)) return;
    const key = event.key.toLowerCase();
    if (key === "j" || key === "k") {
      event.preventDefault();
      go(key === "j" ? nextHref : previousHref);
    } else if (decisionOfKey[key] && mayDecide) {
      event.preventDefault();
      decide(decisionOfKey[key]);
    }
  };

  const onNoteKey = (event: React.KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Escape") {
      event.preventDefault();
      // Back to the panel, where the decision keys work again.
      panelRef.current?.focus();
    } else if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && asking) {
      event.preventDefault();
      decide(asking);
    }
  };

  const onNoteChange = (value: string) => {
    setNote(value);
    // Writing a note is working on the case: claim it, so a colleague does not start on it too.
    if (value.trim() && (claim.state === "none" || claim.state === "released")) void take();
    else if (claim.state === "mine") keepAlive();
  };

  const keys = shortcuts && canDecide && active;
  const holder = claim.state === "theirs" ? { email: claim.email, claimedAt: claim.claimedAt } : null;

  return (
    <section
      ref={panelRef}
      tabIndex={-1}
      onKeyDown={onKeyDown}
      className="card mb-4 flex min-w-0 flex-col gap-3 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600 [&:focus-within]:ring-1 [&:focus-within]:ring-blue-400"
      aria-labelledby={`${id}-heading`}
      data-testid="case-workbench"
    >
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id={`${id}-heading`} className="font-medium">
          Decision
        </h2>
        <div className="flex flex-wrap items-center gap-2">
          <Button type="button" variant="secondary" disabled={!previousHref || pending} onClick={() => go(previousHref)} aria-keyshortcuts={shortcuts ? "K" : undefined}>
            Previous
            {shortcuts && <Kbd hidden>K</Kbd>}
          </Button>
          <Button type="button" variant="secondary" disabled={!nextHref || pending} onClick={() => go(nextHref)} aria-keyshortcuts={shortcuts ? "J" : undefined}>
            Next
            {shortcuts && <Kbd hidden>J</Kbd>}
          </Button>
        </div>
      </div>

      {active && (
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm" role="status" data-testid="claim-status">
          {holder ? (
            <p className="text-amber-800 dark:text-amber-300">
              Held by {holder.email} since {time(holder.claimedAt)}: they are working on it.
              {canDecide && " You can read it; decisions wait until they decide or release it (a claim lapses after 15 minutes idle)."}
            </p>
          ) : !canDecide ? (
            <p className="text-gray-600 dark:text-gray-400">Nobody holds this case. Read-only: only risk analysts decide cases.</p>
          ) : claim.state === "claiming" ? (
            <p className="text-gray-600 dark:text-gray-400">Taking this case…</p>
          ) : claim.state === "mine" ? (
            <p className="text-gray-600 dark:text-gray-400">You hold this case: colleagues see it is yours until you decide, release or leave it.</p>
          ) : claim.state === "released" ? (
            <p className="text-gray-600 dark:text-gray-400">You released this case; a colleague may take it.</p>
          ) : claim.state === "unavailable" ? (
            <p className="text-red-700 dark:text-red-400">{claim.error}</p>
          ) : (
            <p className="text-gray-600 dark:text-gray-400">Nobody holds this case. Take it to show colleagues you are on it; a decision takes it too.</p>
          )}
          {mayClaim && (
            // One button that turns from "Take case" into "Release" and back, so keyboard focus stays on it (and in
            // this panel, where the keys work); it is never disabled while busy, which would drop focus, just inert.
            <Button
              type="button"
              variant="secondary"
              aria-disabled={pending || claim.state === "claiming" || undefined}
              onClick={() => {
                if (pending || claim.state === "claiming") return;
                if (claim.state === "mine") onRelease();
                else onTake();
              }}
            >
              {claim.state === "mine" ? "Release" : claim.state === "theirs" ? "Try to take it again" : "Take case"}
            </Button>
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
              onChange={(e) => onNoteChange(e.target.value)}
              onKeyDown={onNoteKey}
              aria-describedby={asking ? `${id}-ask` : undefined}
              aria-invalid={asking ? true : undefined}
              placeholder="Why: required to confirm fraud or escalate"
            />
          </label>
          {asking && (
            <p id={`${id}-ask`} className="text-xs text-amber-800 dark:text-amber-300" role="status">
              Add a note (at least {NOTE_MIN} characters), then press Ctrl+Enter{shortcuts ? `, or Esc and ${keyOf[asking]} again,` : ""} to {label[asking].toLowerCase()}.
            </p>
          )}
          <div className="flex flex-wrap gap-2">
            <Button type="button" disabled={!mayDecide || pending} onClick={() => decide("fraud")} className="bg-red-700 hover:bg-red-800 disabled:bg-red-400" aria-keyshortcuts={keys ? "F" : undefined}>
              Confirm fraud
              {keys && <Kbd hidden>F</Kbd>}
            </Button>
            <Button type="button" disabled={!mayDecide || pending} onClick={() => decide("legitimate")} className="bg-green-700 hover:bg-green-800 disabled:bg-green-400" aria-keyshortcuts={keys ? "L" : undefined}>
              Mark legitimate
              {keys && <Kbd hidden>L</Kbd>}
            </Button>
            <Button type="button" variant="secondary" disabled={!mayDecide || pending || status === "escalated"} onClick={() => decide("escalate")} aria-keyshortcuts={keys ? "E" : undefined}>
              Escalate
              {keys && <Kbd hidden>E</Kbd>}
            </Button>
          </div>
        </>
      )}

      {pending && done === null && <p className="text-xs text-gray-600 dark:text-gray-400">Working…</p>}
      {done && (
        <p role="status" className="text-sm text-green-700 dark:text-green-400" data-testid="decision-done">
          {done}
        </p>
      )}
      {failure && <ActionError error={failure.error} code={failure.code} reloadHref={selfHref} />}

      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 border-t border-gray-100 pt-2 text-xs text-gray-600 dark:border-gray-800 dark:text-gray-400" data-testid="shortcut-legend">
        <ShortcutsSwitch />
        {shortcuts ? (
          <p>
            While this panel has focus (click in it):{" "}
            {canDecide && active && (
              <>
                <Kbd>F</Kbd> confirm fraud · <Kbd>L</Kbd> legitimate · <Kbd>E</Kbd> escalate ·{" "}
              </>
            )}
            <Kbd>J</Kbd> next · <Kbd>K</Kbd> previous
            {canDecide && active && (
              <>
                {" "}
                · <Kbd>Esc</Kbd> leave the note · <Kbd>Ctrl+Enter</Kbd> decide from the note
              </>
            )}
          </p>
        ) : (
          <p>Single-key shortcuts are off in this browser: use the buttons{canDecide && active ? ", and Ctrl+Enter in the note" : ""}.</p>
        )}
      </div>
    </section>
  );
}
