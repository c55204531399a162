// Lints probe sources as if saved at the given paths, with the repository's real ESLint configuration, in one
// process (loading the typed config once). Input on stdin: [{ "file": "…", "code": "…" }]; output on stdout:
// one array of "ruleId: message" strings per probe. Used by test/lint/*.spec.ts.
import { ESLint } from 'eslint';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';

const root = join(import.meta.dirname, '..', '..');
const probes = JSON.parse(await text(process.stdin));
const eslint = new ESLint({ cwd: root });
const out = [];
for (const { file, code } of probes) {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  out.push(result.messages.map((m) => `${m.ruleId}: ${m.message}`));
}
process.stdout.write(JSON.stringify(out));
