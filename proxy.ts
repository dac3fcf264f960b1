import { createHash, randomBytes } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { themeScript } from "@/components/layout/theme-script";
import { env } from "@/lib/env";
import enErrors from "@/lib/i18n/messages/en/errors.json" with { type: "json" };
import zhErrors from "@/lib/i18n/messages/zh-CN/errors.json" with { type: "json" };
import { pageVerdict, PROBE_EVERY_MS } from "@/lib/platform/db-availability";

// Pages get a Content-Security-Policy with a fresh nonce per request (Next.js reads it from the request header and
// puts it on its own scripts); route handlers (JSON, CSV) get a fixed one from next.config.js, as do the other
// security headers, which apply to every response.

const themeScriptHash = `'sha256-${createHash("sha256").update(themeScript).digest("base64")}'`;

/**
 * Scripts: only those carrying this response's nonce, the theme script by its hash, and what they load
 * ('strict-dynamic'); no eval outside development, where React needs it for its error overlay.
 * Styles: style sheets and <style> elements from our origin or with the nonce; style *attributes* are allowed
 * (style-src-attr), because React renders `style={...}` props as attributes and recharts and our bars and legends
 * use them. An attribute can only restyle its own element: it runs no script and has no selectors to read the page
 * with, and React escapes everything it renders, so this opens no way to inject code.
 */
function contentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' ${themeScriptHash} 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * While PostgreSQL is out of reach (lib/platform/db-availability.ts), pages answer this instead of an error page:
 * 503, a retry hint, no script and no style, with the words the API's 503 carries (errors.databaseUnavailable) in
 * both of the app's languages. Route handlers under /api answer their own 503 (lib/errors.ts).
 */
const UNAVAILABLE_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="10"><title>Database unavailable</title></head>
<body><main>
<p>${enErrors.databaseUnavailable}</p>
<p lang="zh-CN">${zhErrors.databaseUnavailable}</p>
</main></body></html>`;

export function proxy(request: NextRequest) {
  if (pageVerdict() === "unavailable") {
    return new NextResponse(UNAVAILABLE_PAGE, {
      status: 503,
      headers: { "content-type": "text/html; charset=utf-8", "retry-after": String(PROBE_EVERY_MS / 1000), "cache-control": "no-store", "content-security-policy": "default-src 'none'" },
    });
  }
  const policy = contentSecurityPolicy(randomBytes(16).toString("base64"), env.NODE_ENV === "development");
  const forwarded = new Headers(request.headers);
  forwarded.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: forwarded } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: route handlers under /api have their policy in next.config.js, and built assets need none.
      source: "/((?!api/|_next/static|_next/image|favicon.ico).*)",
      // A prefetch renders no document; its response is never a page a browser shows.
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
