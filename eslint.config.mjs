import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: [".next/**", ".next-*/**", "node_modules/**", "data/**", "db/migrations/**", "next-env.d.ts"] },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Every word a person reads comes from the message catalogue (lib/i18n/messages), in English and Chinese: text
    // written between JSX tags fails lint. Attributes are checked by test/unit/i18n-source.test.ts.
    files: ["app/**/*.tsx", "components/**/*.tsx"],
    rules: {
      "react/jsx-no-literals": [
        "error",
        {
          noStrings: true,
          ignoreProps: true,
          allowedStrings: ["–", "—", "·", "/", "×", "%", ":", "(", ")", "…", "→", "←", "↑", "↓", "▲", "▼", "+", "−", "|", ",", ".", "*", "◐", "?", "#", "=", "≥", "≤", ">", "<", "$", "✓", "✕", "•", "&"],
        },
      ],
    },
  },
  {
    // The layers point one way: app (routes, pages, actions) → components and lib (domain, jobs, queries) → models
    // (pure ML) and db (schema, migrations, seed). README "Layers" maps them; test/unit/layers-lint.test.ts shows this
    // rule failing on an import against an arrow.
    files: ["app/**", "components/**", "lib/**", "models/**", "db/**"],
    rules: {
      "import/no-restricted-paths": [
        "error",
        {
          basePath: import.meta.dirname,
          zones: [
            { target: "./models", from: ["./app", "./components", "./lib", "./db"], message: "models/ is pure ML (data in, model out): pass what it needs in from lib/." },
            { target: "./db", from: ["./app", "./components", "./lib", "./models"], message: "db/ imports nothing of ours: its caller passes settings in." },
            { target: "./lib", from: ["./app", "./components"], message: "lib/ is below app/ and components/: pass the value in instead." },
            { target: "./components", from: ["./app", "./db", "./models"], message: "components/ read through lib/ and receive server actions as props from their page." },
            { target: "./app", from: ["./db", "./models"], message: "app/ calls lib/<area> only: put the query in lib." },
          ],
        },
      ],
    },
  },
  {
    // Every database call is asynchronous (issue 16): a promise nobody awaits is a write that may land after its
    // transaction, or an error nobody sees. Type-aware, so only where the database is reached.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "lib/**/*.ts", "scripts/**/*.ts"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: false }],
      "@typescript-eslint/await-thenable": "error",
    },
  },
  {
    // One data-access path (issue 16): lib/, app/ and components/ take tables from lib/schema.ts (the SQLite or the
    // PostgreSQL object, per process) and the database from lib/db.ts, never straight from db/. Types may come from
    // db/schema. lib/platform (migrate, seed, the copy into PostgreSQL) is where the two dialects meet.
    files: ["app/**", "components/**", "lib/**"],
    // roles.ts and pricing/types.ts pass enum constants (no tables) to client components: from db/schema directly,
    // so the browser bundle does not carry lib/schema's PostgreSQL twins.
    ignores: ["lib/db.ts", "lib/schema.ts", "lib/platform/**", "lib/auth/roles.ts", "lib/pricing/types.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/db/schema", "@/db/schema/*", "@/db/schema-pg", "@/db/schema-pg/*", "**/db/schema", "**/db/schema/*", "**/db/schema-pg", "**/db/schema-pg/*"],
              allowTypeImports: true,
              message: "Import tables and schema values from @/lib/schema: it picks the SQLite or PostgreSQL table for this process.",
            },
            {
              group: ["@/db/client", "@/db/pg-client", "**/db/client", "**/db/pg-client"],
              allowTypeImports: true,
              message: "Use getDb()/openSqlite()/openPostgres() from @/lib/db: one data-access path for SQLite and PostgreSQL.",
            },
          ],
        },
      ],
    },
  },
];

export default config;
