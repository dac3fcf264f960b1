"use client";

import { useSyncExternalStore } from "react";

/**
 * The fraud screens' single-key shortcuts (j/k to move, f/l/e to decide) can be turned off per browser (WCAG 2.1.4:
 * speech input or a stray key must not decide a case). The choice lives in localStorage; every switch on the page
 * and every listener reads it through this one store, so they agree, also across tabs (the storage event).
 */

const KEY = "fraud.shortcuts";
const EVENT = "fraud-shortcuts-change";
/** The choice when localStorage is blocked (private mode, policy): kept for this page only. */
let memory = true;

function read(): boolean {
  try {
    return window.localStorage.getItem(KEY) !== "off";
  } catch {
    return memory;
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener("storage", onChange);
  window.addEventListener(EVENT, onChange);
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(EVENT, onChange);
  };
}

/** Whether single-key shortcuts are on in this browser (on until the analyst turns them off). */
export function useShortcutsEnabled(): boolean {
  return useSyncExternalStore(subscribe, read, () => true);
}

export function setShortcutsEnabled(on: boolean): void {
  memory = on;
  try {
    window.localStorage.setItem(KEY, on ? "on" : "off");
  } catch {
    /* kept in memory only */
  }
  window.dispatchEvent(new Event(EVENT));
}

/** A shortcut key belongs to the field being typed in, and a key with a modifier belongs to the browser. */
export function isShortcutKey(event: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; target: EventTarget | null }): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey || event.key.length !== 1) return false;
  const target = event.target as HTMLElement | null;
  if (!target) return true;
  return !(target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

/**
 * Keyboard work hands focus on across a client navigation: a case opened with Enter from the queue, or the next case
 * reached with j or by deciding, starts with focus in its workbench so the next key works at once. Module state
 * survives client navigations (one JavaScript realm), and is read once by the next workbench that mounts.
 */
let focusNextWorkbench = false;
export const handFocusToNextWorkbench = () => {
  focusNextWorkbench = true;
};
export function takeWorkbenchFocus(): boolean {
  const take = focusNextWorkbench;
  focusNextWorkbench = false;
  return take;
}
