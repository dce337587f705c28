// The production build: src/main.ts and everything it imports, compiled into one file,
// dist/main.js (with its source map), which `npm start` runs with plain Node — no TypeScript
// transpiled at each start (tsx stays for development, tests and scripts).
//
// Run by `npm ci` (postinstall, after the Prisma client is generated) and again before each
// `npm start` (prestart), so a start never runs code older than the checkout. esbuild: the
// compiler tsx already uses, well kept, and it bundles the app in a fraction of a second; the
// packages stay in node_modules (`packages: 'external'`), only our code and the generated Prisma
// client are bundled. Type checking stays with `npm run typecheck`.
//
// The bundle sits one folder below the root, like src/project-files.ts, which finds the files the
// app reads beside its code from there.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/main.ts'],
  outfile: 'dist/main.js',
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  // Stack traces name the TypeScript files: `npm start` runs Node with --enable-source-maps.
  sourcesContent: false,
  logLevel: 'warning',
});
