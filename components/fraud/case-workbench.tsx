"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, useTransition } from "react";
import { ActionError } from "@/components/ui/action-error";
import { useFormat } from "@/components/i18n/use-format";
import { Button } from "@/components/ui/button";
import type { CaseActions, CaseStatus } from "@/lib/fraud/types";
import { handFocusToNextWorkbench, isShortcutKey, takeWorkbenchFocus, useShortcutsEnabled } from "./shortcuts";
import { Kbd, keyNames, ShortcutsSwitch } from "./shortcuts-switch";
import { useCaseClaim, type Claim } from "./use-case-claim";

type Decision = "fraud" | "legitimate" | "escalate";

const NOTE_MIN = 3;
const decisionOfKey: Record<string, Decision> = { f: "fraud", l: "legitimate", e: "escalate" };

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
  actions,
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
  /** The case's server actions (claim, release, decide), passed by the page. */
  actions: CaseActions;
}) {
  const router = useRouter();
  const t = useTranslations("fraud.workbench");
  const f = useFormat();
  const id = useId();
  const panelRef = useRef<HTMLElement>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const active = status === "open" || status === "escalated";
  const shortcuts = useShortcutsEnabled();
  // Decisions name the version this page loaded, even if a refresh later re-renders it with a newer one.
  const [loadedVersion] = useState(version);
  const initialClaim: Claim = !initialHolder ? { state: "none" } : initialHolder.mine ? { state: "mine" } : { state: "theirs", email: initialHolder.email, claimedAt: initialHolder.claimedAt };
  const { claim, take, keepAlive, release, leave, decided, awaitClaim } = useCaseClaim(caseId, initialClaim, actions);
  const [note, setNote] = useState("");
  const [asking, setAsking] = useState<Decision | null>(null);
  const [failure, setFailure] = useState<{ code: string; error: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // Two transitions: a decision in flight holds the page (leaving would lose its answer), a claim or a release in flight
  // does not (leaving gives back whatever it lands on). The claim's transition also waits for the refreshed page,
  // which on PostgreSQL can come well after "You hold this case" shows: j must not be swallowed meanwhile.
  const [deciding, startDecision] = useTransition();
  const [claimBusy, startClaim] = useTransition();
  const pending = deciding || claimBusy;
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
    startDecision(async () => {
      // A claim still on its way must land first, or it could arrive after an escalation and hold the case again.
      await awaitClaim();
      const r = await actions.decide({ caseId, expectedVersion: loadedVersion, decision, note: note.trim() || undefined });
      if (!r.ok) {
        setFailure({ code: r.code, error: r.fieldErrors?.note?.join(" ") ?? r.error });
        return;
      }
      decided();
      setDone(t(nextHref ? "doneNext" : "doneLast", { decision }));
      if (byKeyboard) handFocusToNextWorkbench();
      router.push(nextHref ?? queueHref);
    });
  };

  /** Leaving a case without deciding gives the claim back, so a colleague need not wait for it to lapse. */
  const go = (href: string | null) => {
    if (!href || deciding) return;
    if (focusIsHere()) handFocusToNextWorkbench();
    leave();
    router.push(href);
  };

  const onRelease = () =>
    startClaim(async () => {
      const r = await release();
      if (!r.ok) setFailure({ code: r.code, error: r.error });
    });

  const onTake = () => {
    setFailure(null);
    startClaim(async () => {
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
          {t("heading")}
        </h2>
        <div className="flex flex-wrap items-center gap-2">
          <Button type="button" variant="secondary" disabled={!previousHref || deciding} onClick={() => go(previousHref)} aria-keyshortcuts={shortcuts ? keyNames.previous : undefined}>
            {t("previous")}
            {shortcuts && <Kbd hidden>{keyNames.previous}</Kbd>}
          </Button>
          <Button type="button" variant="secondary" disabled={!nextHref || deciding} onClick={() => go(nextHref)} aria-keyshortcuts={shortcuts ? keyNames.next : undefined}>
            {t("next")}
            {shortcuts && <Kbd hidden>{keyNames.next}</Kbd>}
          </Button>
        </div>
      </div>

      {active && (
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm" role="status" data-testid="claim-status">
          {holder ? (
            <p className="text-amber-800 dark:text-amber-300">
              {t("heldBy", { email: holder.email, time: `${f.time(holder.claimedAt)} ${f.zoneName}` })}
              {canDecide && t("heldByCanDecide")}
            </p>
          ) : !canDecide ? (
            <p className="text-gray-600 dark:text-gray-400">{t("readOnly")}</p>
          ) : claim.state === "claiming" ? (
            <p className="text-gray-600 dark:text-gray-400">{t("claiming")}</p>
          ) : claim.state === "mine" ? (
            <p className="text-gray-600 dark:text-gray-400">{t("mine")}</p>
          ) : claim.state === "released" ? (
            <p className="text-gray-600 dark:text-gray-400">{t("released")}</p>
          ) : claim.state === "unavailable" ? (
            <p className="text-red-700 dark:text-red-400">{claim.error}</p>
          ) : (
            <p className="text-gray-600 dark:text-gray-400">{t("nobody")}</p>
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
              {claim.state === "mine" ? t("release") : claim.state === "theirs" ? t("tryAgain") : t("take")}
            </Button>
          )}
        </div>
      )}

      {!active && <p className="text-sm text-gray-600 dark:text-gray-400">{t("closed")}</p>}

      {canDecide && active && (
        <>
          <label htmlFor={`${id}-note`} className="flex flex-col gap-1 text-xs font-medium text-gray-600 dark:text-gray-400">
            {t("note")}
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
              placeholder={t("notePlaceholder")}
            />
          </label>
          {asking && (
            <p id={`${id}-ask`} className="text-xs text-amber-800 dark:text-amber-300" role="status">
              {shortcuts ? t("askWithKeys", { min: NOTE_MIN, key: keyNames[asking], decision: asking }) : t("ask", { min: NOTE_MIN, decision: asking })}
            </p>
          )}
          <div className="flex flex-wrap gap-2">
            <Button type="button" disabled={!mayDecide || pending} onClick={() => decide("fraud")} className="bg-red-700 hover:bg-red-800 disabled:bg-red-400" aria-keyshortcuts={keys ? keyNames.fraud : undefined}>
              {t("fraud")}
              {keys && <Kbd hidden>{keyNames.fraud}</Kbd>}
            </Button>
            <Button type="button" disabled={!mayDecide || pending} onClick={() => decide("legitimate")} className="bg-green-700 hover:bg-green-800 disabled:bg-green-400" aria-keyshortcuts={keys ? keyNames.legitimate : undefined}>
              {t("legitimate")}
              {keys && <Kbd hidden>{keyNames.legitimate}</Kbd>}
            </Button>
            <Button type="button" variant="secondary" disabled={!mayDecide || pending || status === "escalated"} onClick={() => decide("escalate")} aria-keyshortcuts={keys ? keyNames.escalate : undefined}>
              {t("escalate")}
              {keys && <Kbd hidden>{keyNames.escalate}</Kbd>}
            </Button>
          </div>
        </>
      )}

      {pending && done === null && <p className="text-xs text-gray-600 dark:text-gray-400">{t("working")}</p>}
      {done && (
        <p role="status" className="text-sm text-green-700 dark:text-green-400" data-testid="decision-done">
          {done}
        </p>
      )}
      {failure && <ActionError error={failure.error} code={failure.code} reloadHref={selfHref} />}

      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 border-t border-gray-100 pt-2 text-xs text-gray-600 dark:border-gray-800 dark:text-gray-400" data-testid="shortcut-legend">
        <ShortcutsSwitch />
        {shortcuts ? (
          <p>{t.rich("legend", { decide: canDecide && active ? "yes" : "no", kbd: (key) => <Kbd>{key}</Kbd> })}</p>
        ) : (
          <p>{canDecide && active ? t("shortcutsOffNote") : t("shortcutsOff")}</p>
        )}
      </div>
    </section>
  );
}
