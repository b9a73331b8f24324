/**
 * Builds the `podreach serve` front end into dist/ui (shipped in the package, so `serve` needs no build on the
 * user's machine). JSX goes through Vite's own transformer with Preact's runtime: no framework plugin. The output has
 * no inline script or style, so the server's CSP can forbid them.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/ui', import.meta.url)),
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
    target: 'es2022',
  },
});
