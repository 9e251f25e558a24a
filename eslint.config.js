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
]);
