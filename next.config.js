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
  // forbidden() renders app/forbidden.tsx with a real 403 status.
  experimental: {
    authInterrupts: true,
    // CSV imports travel as a server action argument; the 2 MB UCI sample must fit, with room to spare.
    serverActions: { bodySizeLimit: "40mb" },
  },
};

export default nextConfig;
