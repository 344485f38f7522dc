// The instance viewer's read-only graph: the version's definition drawn like the designer draws it, the path taken
// (visit counts), the current position and incident nodes marked. Data comes from
// <script type="application/json" id="instance-graph-data">{"definition", "visited", "current", "incidents"}</script>.
import './_graph/x6.css';
import './_graph/graph.css';
import { createGraph, drawDefinition, markNode, ensureStylesheet } from './_graph/render';

// No registry on the viewer's page: outcomes come from the connections, the label from the node.
const describe = (type) => ({ name: type, icon: type === 'Start' ? '▶' : type === 'End' ? '■' : '●', outcomes: [] });

async function start() {
  const container = document.getElementById('instance-graph');
  const block = document.getElementById('instance-graph-data');
  if (!container || !block) return;
  await ensureStylesheet('instance-graph');
  const data = JSON.parse(block.textContent || '{}');
  const definition = data.definition ?? { activities: [], connections: [] };
  definition.activities ??= [];
  definition.connections ??= [];
  container.classList.add('wf-graph');
  const graph = createGraph(container, { interacting: false });
  drawDefinition(graph, definition, describe);
  Object.entries(data.visited ?? {}).forEach(([id, count]) => markNode(graph, id, 'visited', `×${count}`));
  (data.current ?? []).forEach((id) => markNode(graph, id, 'current', data.visited?.[id] ? `×${data.visited[id]}` : '●'));
  (data.incidents ?? []).forEach((id) => markNode(graph, id, 'incident', '⚠'));
  graph.zoomToFit({ padding: 20, maxScale: 1 });
  container.dataset.drawn = 'true';
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
