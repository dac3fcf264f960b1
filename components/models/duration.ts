/**
 * Durations in words for the Models page: how long a job took, and how long it has left, rounded as a person
 * would say it ("about 3 min left", not "about 187 s left").
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "–";
  if (seconds < 1) return "under 1 s";
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) {
    const m = Math.floor(seconds / 60);
    const s = Math.round(seconds - 60 * m);
    return s === 0 || m >= 10 ? `${m} min` : s === 60 ? `${m + 1} min` : `${m} min ${s} s`;
  }
  const h = Math.floor(seconds / 3600);
  const m = Math.round((seconds - 3600 * h) / 60);
  return m === 0 ? `${h} h` : m === 60 ? `${h + 1} h` : `${h} h ${m} min`;
}

/** An estimate of the time left: coarse steps, always "about". */
export function formatTimeLeft(seconds: number): string {
  if (seconds < 60) return `about ${Math.max(5, Math.round(seconds / 5) * 5)} s left`;
  if (seconds < 3600) {
    const m = Math.round(seconds / 60);
    return m >= 60 ? "about 1 h left" : `about ${m} min left`;
  }
  const quarters = Math.round(seconds / 900) / 4;
  return `about ${quarters} h left`;
}
