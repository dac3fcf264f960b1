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
];

export default config;
