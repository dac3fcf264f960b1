import type { Translate } from "./labels";

/**
 * Durations in words for the Models page: how long a job took, and how long it has left, rounded as a person
 * would say it ("about 3 min left", not "about 187 s left"), in the reader's language.
 */
export function formatDuration(seconds: number, t: Translate): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "–";
  if (seconds < 1) return t("models.duration.underSecond");
  if (seconds < 60) return t("models.duration.seconds", { s: Math.round(seconds) });
  if (seconds < 3600) {
    const m = Math.floor(seconds / 60);
    const s = Math.round(seconds - 60 * m);
    return s === 0 || m >= 10 ? t("models.duration.minutes", { m }) : s === 60 ? t("models.duration.minutes", { m: m + 1 }) : t("models.duration.minutesSeconds", { m, s });
  }
  const h = Math.floor(seconds / 3600);
  const m = Math.round((seconds - 3600 * h) / 60);
  return m === 0 ? t("models.duration.hours", { h }) : m === 60 ? t("models.duration.hours", { h: h + 1 }) : t("models.duration.hoursMinutes", { h, m });
}

/** An estimate of the time left: coarse steps, always "about". */
export function formatTimeLeft(seconds: number, t: Translate): string {
  if (seconds < 60) return t("models.duration.aboutSeconds", { s: Math.max(5, Math.round(seconds / 5) * 5) });
  if (seconds < 3600) {
    const m = Math.round(seconds / 60);
    return m >= 60 ? t("models.duration.aboutHours", { h: 1 }) : t("models.duration.aboutMinutes", { m });
  }
  return t("models.duration.aboutHours", { h: Math.round(seconds / 900) / 4 });
}
