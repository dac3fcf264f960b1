import { describe, expect, it } from "vitest";
import { clientAddress } from "@/lib/auth/client-address";

const request = (xff?: string) => new Headers(xff === undefined ? {} : { "x-forwarded-for": xff });

describe("the client address of a sign-in", () => {
  it("trusts no header when no proxy is trusted, since a client reaching next start directly can send any", () => {
    expect(clientAddress(request("203.0.113.9"), 0)).toBeNull();
    expect(clientAddress(request(), 0)).toBeNull();
  });

  it("takes the address written by our own proxy, ignoring what the client put before it", () => {
    expect(clientAddress(request("203.0.113.9"), 1)).toBe("203.0.113.9");
    expect(clientAddress(request("10.9.9.9, 203.0.113.9"), 1)).toBe("203.0.113.9");
    expect(clientAddress(request("10.9.9.9, 203.0.113.9, 192.0.2.1"), 2)).toBe("203.0.113.9");
    expect(clientAddress(request("2001:db8::1"), 1)).toBe("2001:db8::1");
  });

  it("knows no address when the request did not pass through every trusted proxy or names none", () => {
    expect(clientAddress(request("203.0.113.9"), 2)).toBeNull();
    expect(clientAddress(request(), 1)).toBeNull();
    expect(clientAddress(request("not-an-address"), 1)).toBeNull();
  });
});
