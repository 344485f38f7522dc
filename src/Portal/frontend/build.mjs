// Bundles each page's entry (src/<page>.js) into ../wwwroot/dist/<page>.js with esbuild.
// Run by the Portal project's build (BuildFrontend target) and by scripts/lib/common.sh (ensure_frontend).
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const entries = readdirSync(join(here, 'src'))
  .filter((f) => f.endsWith('.js') && !f.startsWith('_'))
  .map((f) => join(here, 'src', f));

await build({
  entryPoints: entries,
  outdir: join(here, '..', 'wwwroot', 'dist'),
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  legalComments: 'linked',
  logLevel: 'warning',
});
