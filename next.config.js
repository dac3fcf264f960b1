import createNextIntlPlugin from "next-intl/plugin";

/**
 * Security headers on every response: pages, route handlers (JSON, CSV exports) and built assets. Pages also get a
 * Content-Security-Policy with a per-request nonce from proxy.ts; route handlers, which never render a document
 * that should run anything, get the strictest one here.
 */
const securityHeaders = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), browsing-topics=()" },
];

export const routeHandlerPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // NEXT_DIST_DIR lets two builds (a developer's and a benchmark's) live side by side; `.next` otherwise.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Native and heavy server-only packages stay outside the bundle and load from node_modules at run time.
  serverExternalPackages: [
    "better-sqlite3",
    "@tensorflow/tfjs",
    "@tensorflow/tfjs-node",
    "@tensorflow/tfjs-node-gpu",
    "@tensorflow/tfjs-backend-wasm",
    "bcryptjs",
  ],
  poweredByHeader: false,
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: routeHandlerPolicy }] },
    ];
  },
  // forbidden() renders app/forbidden.tsx with a real 403 status.
  experimental: {
    authInterrupts: true,
    // CSV imports travel as a server action argument; the 2 MB UCI sample must fit, with room to spare.
    serverActions: { bodySizeLimit: "40mb" },
  },
};

// next-intl finds each request's language, time zone and messages in lib/i18n/request.ts.
const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

export default withNextIntl(nextConfig);
