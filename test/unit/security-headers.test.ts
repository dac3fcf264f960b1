import { createHash } from "node:crypto";
import { unstable_doesMiddlewareMatch, unstable_getResponseFromNextConfig } from "next/experimental/testing/server";
import { NextRequest } from "next/server";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";

// The root layout reads the request's language (next-intl) and hands messages to client components; outside Next the
// request config does not exist, so the language is English and the provider passes its children through.
vi.mock("next-intl/server", () => ({ getLocale: async () => "en", getTranslations: async () => (key: string) => key }));
vi.mock("next-intl", () => ({ NextIntlClientProvider: ({ children }: { children: unknown }) => children }));
vi.mock("@/components/i18n/time-zone-cookie", () => ({ TimeZoneCookie: () => null }));

import RootLayout from "@/app/layout";
import { config as proxyConfig, proxy } from "@/proxy";
import type { NextConfig } from "next";

// next.config.js is plain JavaScript and allowJs is off, so its shape is stated here.
const { default: nextConfig, routeHandlerPolicy } = (await import("../../next.config.js" as string)) as { default: NextConfig; routeHandlerPolicy: string };

const pages = ["/", "/signin", "/pricing", "/forecasts/12", "/users"];
const routes = ["/api/export/pricing", "/api/export/audit", "/api/health", "/api/v1/fraud/score"];

const directives = (policy: string) => new Map(policy.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));

async function configHeaders(path: string): Promise<Headers> {
  return (await unstable_getResponseFromNextConfig({ url: `http://localhost${path}`, nextConfig })).headers;
}

describe("security headers", () => {
  it.each([...pages, ...routes])("sends the anti-framing, no-sniffing, referrer and permissions headers on %s", async (path) => {
    const headers = await configHeaders(path);
    expect(headers.get("x-frame-options")).toBe("DENY");
    expect(headers.get("x-content-type-options")).toBe("nosniff");
    expect(headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(headers.get("permissions-policy")).toMatch(/camera=\(\).*microphone=\(\).*geolocation=\(\)/);
  });

  it.each(pages)("gives the page %s a Content-Security-Policy with a fresh nonce, passed on to the render", (path) => {
    expect(unstable_doesMiddlewareMatch({ config: proxyConfig, nextConfig, url: path })).toBe(true);
    const first = proxy(new NextRequest(`http://localhost${path}`));
    const second = proxy(new NextRequest(`http://localhost${path}`));
    const policy = first.headers.get("content-security-policy")!;
    // Next.js reads the nonce from the request's policy and puts it on its own scripts.
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(policy);
    const d = directives(policy);
    const nonce = d.get("script-src")!.find((v) => v.startsWith("'nonce-"));
    expect(nonce).toMatch(/^'nonce-[A-Za-z0-9+/=]{20,}'$/);
    expect(second.headers.get("content-security-policy")).not.toContain(nonce);
    expect(d.get("script-src")).toContain("'strict-dynamic'");
    expect(policy).not.toContain("unsafe-eval");
    expect(d.get("script-src")).not.toContain("'unsafe-inline'");
    expect(d.get("frame-ancestors")).toEqual(["'none'"]);
    expect(d.get("object-src")).toEqual(["'none'"]);
    expect(d.get("base-uri")).toEqual(["'self'"]);
    expect(d.get("form-action")).toEqual(["'self'"]);
  });

  it.each(routes)("gives the route handler %s the strict policy for responses that are never pages", async (path) => {
    expect(unstable_doesMiddlewareMatch({ config: proxyConfig, nextConfig, url: path })).toBe(false);
    const policy = (await configHeaders(path)).get("content-security-policy");
    expect(policy).toBe(routeHandlerPolicy);
    expect(directives(policy!).get("default-src")).toEqual(["'none'"]);
    expect(directives(policy!).get("frame-ancestors")).toEqual(["'none'"]);
  });

  it("allows every inline script of the root layout by its hash, and no other inline script", async () => {
    const html = renderToStaticMarkup(await RootLayout({ children: null }));
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(inline.length).toBeGreaterThan(0);
    const scriptSrc = directives(proxy(new NextRequest("http://localhost/")).headers.get("content-security-policy")!).get("script-src")!;
    for (const script of inline) expect(scriptSrc).toContain(`'sha256-${createHash("sha256").update(script).digest("base64")}'`);
    expect(scriptSrc.filter((v) => v.startsWith("'sha256-"))).toHaveLength(inline.length);
  });
});
