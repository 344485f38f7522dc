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

// X6 inserts its stylesheets as <style> elements, which the portal's CSP (style-src 'self') refuses: its CSS loader is
// replaced by a no-op and the same CSS ships as a file (src/_graph/x6.css, imported by the graph entries).
const noInlineCss = {
  name: 'x6-no-inline-css',
  setup(b) {
    b.onLoad({ filter: /@antv[\\/]x6[\\/]es[\\/]common[\\/]css-loader[\\/]index\.js$/ }, () => ({
      contents: 'export function ensure() {}\nexport function clean() {}\n',
      loader: 'js',
    }));
  },
};

await build({
  entryPoints: entries,
  outdir: join(here, '..', 'wwwroot', 'dist'),
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  legalComments: 'linked',
  logLevel: 'warning',
  plugins: [noInlineCss],
});
