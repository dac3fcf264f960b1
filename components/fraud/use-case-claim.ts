"use client";

import { useTranslations } from "next-intl";
import { useEffect, useEffectEvent, useRef, useState } from "react";
import type { CaseActions } from "@/lib/fraud/types";

/** Who holds the case as this page knows it. Nothing is claimed by opening a case: only by the analyst's first action. */
export type Claim =
  | { state: "none" }
  | { state: "claiming" }
  | { state: "mine" }
  | { state: "theirs"; email: string; claimedAt: string }
  | { state: "released" }
  | { state: "unavailable"; error: string };

const RELEASE_URL = "/api/fraud/release";
/** Typing in the note refreshes a claim this old, well before it would lapse (CLAIM_IDLE_MS, 15 minutes). */
const REFRESH_AFTER_MS = 5 * 60 * 1000;

/** Gives a claim back without waiting for the answer: it still arrives when the page is being closed or left. */
function releaseByBeacon(caseId: number): void {
  const body = new URLSearchParams({ caseId: String(caseId) });
  if (typeof navigator.sendBeacon === "function" && navigator.sendBeacon(RELEASE_URL, body)) return;
  void fetch(RELEASE_URL, { method: "POST", body, keepalive: true, credentials: "same-origin" }).catch(() => undefined);
}

/**
 * The claim on one case. Opening a case claims nothing (so paging through the queue with j/k leaves no claims); the
 * analyst's first action does: "Take case", or starting a note. A decision needs no claim of its own (the server
 * checks nobody else holds a live one and closes or hands on the case in the same write). Leaving the case gives the
 * claim back: `leave` before a navigation of ours, on unmount for any other (a link, the Back button), and by a beacon
 * on pagehide for a closed tab or a reload. A claim still in flight when the analyst leaves is released once it lands.
 */
export function useCaseClaim(caseId: number, initial: Claim, actions: Pick<CaseActions, "claim" | "release">) {
  const t = useTranslations("fraud.workbench");
  const [claim, setClaim] = useState<Claim>(initial);
  // What the server may hold for us, whatever the rendered state says: the claim answered, or the request in flight.
  const held = useRef<"no" | "yes" | "pending">(initial.state === "mine" ? "yes" : "no");
  const inFlight = useRef<Promise<unknown> | null>(null);
  const claimedAt = useRef(0);

  const take = (options: { quietly?: boolean } = {}): Promise<unknown> => {
    if (held.current !== "no") return inFlight.current ?? Promise.resolve();
    held.current = "pending";
    // A refresh of a claim already shown as ours says nothing until it answers.
    if (!options.quietly) setClaim({ state: "claiming" });
    const request = actions.claim({ caseId }).then((r) => {
      const mine = r.ok && r.data.claimed;
      held.current = mine ? "yes" : "no";
      if (mine) claimedAt.current = Date.now();
      if (!r.ok) setClaim({ state: "unavailable", error: r.error });
      else if (r.data.claimed) setClaim({ state: "mine" });
      else if (r.data.heldBy) setClaim({ state: "theirs", email: r.data.heldBy.email, claimedAt: r.data.heldBy.claimedAt });
      else setClaim({ state: "unavailable", error: t("caseClosed") });
    });
    inFlight.current = request;
    return request;
  };

  /** Still at work on a claim taken a while ago (a long note): refresh it before it lapses and a colleague may take it. */
  const keepAlive = () => {
    if (held.current !== "yes" || Date.now() - claimedAt.current < REFRESH_AFTER_MS) return;
    held.current = "no";
    void take({ quietly: true });
  };

  /** The "Release" button: waits for the answer, so the page can say the case is free again. */
  const release = async (): Promise<{ ok: true } | { ok: false; code: string; error: string }> => {
    await inFlight.current;
    const r = await actions.release({ caseId });
    if (!r.ok) return r;
    held.current = "no";
    setClaim({ state: "released" });
    return { ok: true };
  };

  /** Leaving the case (next, previous, the queue): give back whatever we hold, then go. */
  const leave = () => {
    const was = held.current;
    held.current = "no";
    if (was === "yes") releaseByBeacon(caseId);
    else if (was === "pending") void inFlight.current?.then(() => releaseByBeacon(caseId));
  };

  /** A decision closed or handed on the case on the server, which cleared any claim with it. */
  const decided = () => {
    held.current = "no";
  };

  const onPageHide = useEffectEvent(() => {
    if (held.current === "no") return;
    leave();
    // Restored from the back-forward cache, the page must not claim to hold what it just gave back.
    setClaim({ state: "none" });
  });
  useEffect(() => {
    const listener = () => onPageHide();
    window.addEventListener("pagehide", listener);
    return () => {
      window.removeEventListener("pagehide", listener);
      // Unmounted by any navigation (the page is keyed by case): nothing may stay claimed behind it.
      leave();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- leave reads refs only; once per case (the page is keyed by case)
  }, []);

  return { claim, take, keepAlive, release, leave, decided, awaitClaim: () => inFlight.current ?? Promise.resolve() };
}
