// The ESLint configuration of Vite's react-ts template before it moved to
// oxlint (with TypeScript 5.x, which typescript-eslint requires), as a
// project made from it still lints its `src`, the generated client included.
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import reactHooks from "eslint-plugin-react-hooks";
import reactRefresh from "eslint-plugin-react-refresh";
import tseslint from "typescript-eslint";

export default defineConfig([
  {
    files: ["**/*.{ts,tsx}"],
    extends: [js.configs.recommended, tseslint.configs.recommended, reactHooks.configs.flat.recommended,
      reactRefresh.configs.vite],
    languageOptions: { ecmaVersion: 2020 },
  },
]);
