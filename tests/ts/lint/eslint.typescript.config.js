// What a Vue or Svelte project lints its `.ts` files with: ESLint's and
// typescript-eslint's recommended rules (eslint-plugin-vue and
// eslint-plugin-svelte read only `.vue` and `.svelte` files).
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

export default defineConfig([
  {
    files: ["**/*.ts"],
    extends: [js.configs.recommended, tseslint.configs.recommended],
  },
]);
