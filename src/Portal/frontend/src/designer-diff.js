// /Staff/Workflows/History/{id}?from=&to=: the visual diff of two versions. The newer version is drawn with the
// designer's shapes; added nodes green, changed amber, and removed nodes (from the older version) red and dashed.
import './_graph/x6.css';
import './_graph/graph.css';
import { createGraph, drawDefinition, markNode, ensureStylesheet } from './_graph/render';

async function start() {
  const container = document.getElementById('diff-graph');
  const block = document.getElementById('diff-data');
  if (!container || !block) return;
  await ensureStylesheet('designer-diff');
  const data = JSON.parse(block.textContent || '{}');
  const byType = new Map((data.palette ?? []).map((p) => [p.type, p]));
  const older = data.from;
  const newer = data.to;
  const removed = new Set(data.diff.removed);
  // Removed nodes keep their old place and old connections so the reader sees where they were.
  const merged = {
    activities: [...newer.activities, ...older.activities.filter((a) => removed.has(a.id))],
    connections: [...newer.connections, ...older.connections.filter((c) => removed.has(c.from) || removed.has(c.to))],
  };
  if (merged.activities.some((a) => !a.position)) merged.activities.forEach((a) => { delete a.position; });
  container.classList.add('wf-graph');
  const graph = createGraph(container, { interacting: false });
  drawDefinition(graph, merged, (t) => byType.get(t));
  data.diff.added.forEach((id) => markNode(graph, id, 'added', '+'));
  data.diff.changed.forEach((id) => markNode(graph, id, 'changed', '~'));
  data.diff.removed.forEach((id) => markNode(graph, id, 'removed', '−'));
  graph.zoomToFit({ padding: 20, maxScale: 1 });
  container.dataset.drawn = 'true';
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
