// ESLint 9 flat config for Ratschlag.
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig([
  globalIgnores([
    "**/node_modules/",
    "build/",
    ".react-router/",
    "data/",
    "db/migrations/",
    "test-results/",
    "playwright-report/",
    "coverage/",
  ]),

  {
    files: ["**/*.{js,mjs,cjs,ts,tsx}"],
    extends: [js.configs.recommended],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      globals: { ...globals.node, ...globals.browser },
    },
    linterOptions: { reportUnusedDisableDirectives: "warn" },
    rules: {
      // React Router route modules use `export function meta({}: Route.MetaArgs)`.
      "no-empty-pattern": ["error", { allowObjectPatternsAsParameters: true }],
    },
  },

  {
    files: ["**/*.{ts,tsx}"],
    extends: [tseslint.configs.recommended],
    plugins: { "react-hooks": reactHooks },
    rules: {
      // Only the two classic hook rules: the other rules in v7's `recommended`
      // preset are React Compiler diagnostics (set-state-in-effect, refs, purity,
      // immutability, …) and this app does not use the React Compiler.
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",

      "@typescript-eslint/no-unused-vars": [
        "error",
        {
          argsIgnorePattern: "^_",
          varsIgnorePattern: "^_",
          caughtErrorsIgnorePattern: "^_",
          destructuredArrayIgnorePattern: "^_",
          ignoreRestSiblings: true,
        },
      ],
    },
  },

  {
    // Test helpers named use…() (useCollabServer) register vitest hooks; they are no React hooks.
    files: ["tests/**/*.ts", "testkit/**/*.ts"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },

  // Layers (docs/architecture.md): common imports nothing of ours; the app reads the database
  // schema only as types; the server never imports the app; db never imports the server; code
  // that runs in the browser imports server modules only as types; tests and bench share helpers
  // through testkit, never each other.
  {
    files: ["common/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex:
                "^(#(app|server|db|tests|testkit|bench)/|(\\.\\./)+(app|server|db|tests|testkit|bench)/)",
              message: "common/ imports nothing from the project's other layers.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(#db/|(\\.\\./)+db/)",
              allowTypeImports: true,
              message:
                "The app reads db/ only as types; vocabularies are in #common/vocabularies.ts.",
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      "app/components/**/*.{ts,tsx}",
      "app/editor/**/*.{ts,tsx}",
      "app/i18n/**/*.{ts,tsx}",
      "app/lib/**/*.{ts,tsx}",
    ],
    ignores: ["**/*.server.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(#(db|server)/|(\\.\\./)+(db|server)/)",
              allowTypeImports: true,
              message:
                "Browser code imports db/ and server/ only as types; shared code is in common/.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["server/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(#app/|(\\.\\./)+app/)",
              message: "The server never imports the app; shared code is in common/.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["db/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(#(app|server)/|(\\.\\./)+(app|server)/)",
              message: "db/ never imports the server or the app.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["tests/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: "^(#bench/|(\\.\\./)+bench/)", message: "Shared helpers live in testkit/." },
          ],
        },
      ],
    },
  },
  {
    files: ["bench/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: "^(#tests/|(\\.\\./)+tests/)", message: "Shared helpers live in testkit/." },
          ],
        },
      ],
    },
  },
]);
