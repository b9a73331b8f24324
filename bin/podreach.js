#!/usr/bin/env node
// The `podreach` and `kubectl-podreach` commands. The TypeScript build (`npm ci` runs `prepare`) writes dist/.
let cli;
try {
  cli = await import('../dist/cli/main.js');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
  process.stderr.write(
    'podreach: dist/ is missing or incomplete; run `npm run build` (or `npm ci`) in the package first\n',
  );
  process.exit(2);
}
await cli.main();
