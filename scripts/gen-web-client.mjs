#!/usr/bin/env node
// Regenerates the web app's typed API schema (apps/web/src/api/schema.d.ts) from docs/openapi.json.
//
//   node scripts/gen-web-client.mjs            write the file
//   node scripts/gen-web-client.mjs --check    exit 1 if the committed file is missing or out of date
//
// Options: --input <openapi.json> and --output <schema.d.ts> (paths relative to the repository root).
// The output is byte-for-byte what `npx openapi-typescript docs/openapi.json -o apps/web/src/api/schema.d.ts`
// writes, so either way of generating gives the same file.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import openapiTS, { COMMENT_HEADER, astToString } from 'openapi-typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const { values } = parseArgs({
  options: {
    check: { type: 'boolean', default: false },
    input: { type: 'string', default: 'docs/openapi.json' },
    output: { type: 'string', default: 'apps/web/src/api/schema.d.ts' },
  },
});

const input = resolve(root, values.input);
const output = resolve(root, values.output);
const show = (file) => relative(root, file) || file;

if (!existsSync(input)) {
  console.error(`gen-web-client: ${show(input)} not found (run \`npm run openapi\` first).`);
  process.exit(1);
}

const ast = await openapiTS(pathToFileURL(input), { silent: true });
const generated = `${COMMENT_HEADER}${astToString(ast)}`;

if (values.check) {
  const committed = existsSync(output) ? readFileSync(output, 'utf8') : null;
  if (committed === generated) {
    console.log(`gen-web-client: ${show(output)} is up to date.`);
    process.exit(0);
  }
  console.error(
    committed === null
      ? `gen-web-client: ${show(output)} is missing.`
      : `gen-web-client: ${show(output)} is out of date with ${show(input)}.`,
  );
  console.error('Run `node scripts/gen-web-client.mjs` and commit the result.');
  process.exit(1);
}

mkdirSync(dirname(output), { recursive: true });
writeFileSync(output, generated, 'utf8');
console.log(`gen-web-client: wrote ${show(output)} from ${show(input)}.`);
