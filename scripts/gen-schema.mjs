#!/usr/bin/env node
// Writes docs/trace.schema.json from the zod mirror of the trace model (src/render/trace-schema.ts).
// Run after `npm run build`; src/render/trace-schema.test.ts fails when the committed file differs.
import { writeFileSync } from 'node:fs';
import { traceJsonSchema } from '../dist/render/trace-schema.js';

const target = new URL('../docs/trace.schema.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(traceJsonSchema(), null, 2)}\n`);
process.stderr.write(`wrote ${target.pathname}\n`);
