/**
 * `npm run score -- --catalogue <id>[@version] --answers <file.json> [--target 3|4|5]`
 *
 * Thin I/O shell around scripts/score-cli.ts: reads the answers file (relative paths resolve against the directory
 * npm was started from), loads built-in catalogues from @tierstar/guidelines, prints the result JSON.
 */
import { getCatalogue, listCatalogues } from '@tierstar/guidelines';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runCli } from './score-cli';

function main(): void {
  const base = process.env.INIT_CWD ?? process.cwd();
  try {
    const outcome = runCli(process.argv.slice(2), {
      readFile: (path) => readFileSync(resolve(base, path), 'utf8'),
      loadCatalogue: (id, version) => getCatalogue(id, version),
      catalogueIds: listCatalogues().map((c) => `${c.id}@${c.version}`),
    });
    process.stdout.write(outcome.stdout);
    process.stderr.write(outcome.stderr);
    process.exitCode = outcome.exitCode;
  } catch (e) {
    console.error(`error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    console.error('エラー: 予期しないエラーで採点できませんでした');
    process.exitCode = 1;
  }
}

main();
