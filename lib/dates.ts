/**
 * lib's date module: calendar arithmetic on ISO dates (YYYY-MM-DD) in UTC, so results do not depend on the server's
 * time zone, and the date formats we read. One implementation, in models/dates.ts (lib may import models).
 */
export {
  addDays,
  addWeeks,
  DAY_MS,
  dayNumber,
  dayNumberOf,
  daysBetween,
  daysInMonth,
  isoOfDay,
  isoOfMs,
  isoWeekday,
  parseDate,
  parseIsoMs,
  readDayFirstDateTime,
  readIsoDateTime,
  startOfDayMs,
  utcMsOf,
  weekdayOf,
  weekStart,
  type DateOrder,
  type DateTimeParts,
} from "@/models/dates";
