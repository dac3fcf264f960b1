import { describe, expect, it } from "vitest";
import { formatDuration as durationIn, formatTimeLeft as timeLeftIn } from "@/components/models/duration";
import { translator } from "@/lib/i18n/translate";

const t = translator("en");
const formatDuration = (seconds: number) => durationIn(seconds, t);
const formatTimeLeft = (seconds: number) => timeLeftIn(seconds, t);

describe("formatDuration", () => {
  it("says how long a job took in the units a person would use", () => {
    expect(formatDuration(0.4)).toBe("under 1 s");
    expect(formatDuration(42.4)).toBe("42 s");
    expect(formatDuration(72)).toBe("1 min 12 s");
    expect(formatDuration(119.7)).toBe("2 min");
    expect(formatDuration(754)).toBe("12 min");
    expect(formatDuration(3 * 3600 + 20 * 60)).toBe("3 h 20 min");
  });
});

describe("formatTimeLeft", () => {
  it("always says about, in coarse steps", () => {
    expect(formatTimeLeft(2)).toBe("about 5 s left");
    expect(formatTimeLeft(43)).toBe("about 45 s left");
    expect(formatTimeLeft(187)).toBe("about 3 min left");
    expect(formatTimeLeft(3599)).toBe("about 1 h left");
    expect(formatTimeLeft(2.6 * 3600)).toBe("about 2.5 h left");
  });
});

describe("in Chinese", () => {
  it("uses the same steps in Chinese words", () => {
    const zh = translator("zh-CN");
    expect(durationIn(72, zh)).toBe("1 分 12 秒");
    expect(timeLeftIn(2.6 * 3600, zh)).toBe("约剩 2.5 小时");
  });
});
