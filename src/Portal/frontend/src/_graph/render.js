// Definition JSON <-> X6 cells. Node ids are the activity ids, ports are "in" and "out:<outcome>", edge ids name the
// connection; the same code draws the designer's canvas, the version diff and the instance graph.
import { Graph } from '@antv/x6';
import { SHAPE, NODE_WIDTH, NODE_HEIGHT, registerShapes, edgeAttrs, fit } from './shapes';
import { layeredLayout } from './layout';

/** The outcomes a node can leave by: its type's, Switch cases, boundary timers, and any a connection already uses. */
export function outcomesOf(node, describe, connections) {
  const set = new Set(describe(node.type)?.outcomes ?? []);
  if (node.type === 'Switch' && Array.isArray(node.inputs?.cases)) {
    node.inputs.cases.forEach((c) => c && typeof c.name === 'string' && set.add(c.name));
    set.add('Default');
  }
  (node.boundary ?? []).forEach((b) => b?.id && set.add(b.id));
  (connections ?? []).forEach((c) => c.from === node.id && set.add(c.outcome));
  return [...set];
}

export function portsFor(outcomes) {
  return [
    { id: 'in', group: 'in' },
    ...outcomes.map((o) => ({
      id: `out:${o}`, group: 'out', attrs: { text: { text: outcomes.length > 1 || o !== 'Done' ? o : '' } },
    })),
  ];
}

export function nodeMetadata(node, describe, connections, position) {
  const d = describe(node.type);
  return {
    id: node.id,
    shape: SHAPE,
    x: position.x,
    y: position.y,
    width: NODE_WIDTH,
    height: NODE_HEIGHT,
    attrs: {
      icon: { text: d?.icon ?? '?' },
      label: { text: fit(node.displayName || d?.name || node.type), title: node.displayName || d?.name || node.type },
      type: { text: fit(`${d?.name ?? node.type} · ${node.id}`, 30) },
      body: d ? {} : { stroke: '#cf222e', strokeDasharray: '4 3' },
    },
    ports: { items: portsFor(outcomesOf(node, describe, connections)) },
    data: { activity: node },
  };
}

let edgeSerial = 0;

export function edgeMetadata(c) {
  edgeSerial += 1;
  return {
    id: `edge:${c.from}:${c.outcome}:${c.to}:${edgeSerial}`,
    shape: 'edge',
    source: { cell: c.from, port: `out:${c.outcome}` },
    target: c.to ? { cell: c.to, port: 'in' } : { x: 0, y: 0 },
    connector: { name: 'smooth' },
    attrs: edgeAttrs,
    data: { from: c.from, outcome: c.outcome, to: c.to },
  };
}

/** Creates an X6 graph in <paramref name="container"/> with the shared look. */
export function createGraph(container, options = {}) {
  registerShapes();
  // X6 sizes its container to the container's parent (autoResize): the graph gets its own inner element, so the
  // caller's element (sized by CSS) is that parent and the page around it cannot feed back into the size.
  const inner = document.createElement('div');
  inner.className = 'wf-graph-inner';
  container.appendChild(inner);
  return new Graph({
    container: inner,
    autoResize: true,
    background: { color: '#f6f8fa' },
    grid: { size: 10, visible: true },
    panning: { enabled: true },
    mousewheel: { enabled: true, modifiers: ['ctrl', 'meta'], minScale: 0.2, maxScale: 2 },
    async: true,
    ...options,
  });
}

/** Draws a definition (laid out automatically where positions are missing) in one batch, then fits it in view. */
export function drawDefinition(graph, definition, describe) {
  const needsLayout = definition.activities.some((a) => !a.position);
  const laid = needsLayout ? layeredLayout(definition) : {};
  const known = new Set(definition.activities.map((a) => a.id));
  const cells = [
    ...definition.activities.map((a) => graph.createNode(nodeMetadata(a, describe, definition.connections, a.position ?? laid[a.id] ?? { x: 0, y: 0 }))),
    ...definition.connections.filter((c) => known.has(c.from) && (!c.to || known.has(c.to))).map((c) => graph.createEdge(edgeMetadata(c))),
  ];
  graph.resetCells(cells);
  return needsLayout;
}

/** Marks a node: visited / current / incident / problem / added / removed / changed; badge is a short text. */
export function markNode(graph, id, kind, badge) {
  const node = graph.getCellById(id);
  if (!node || !node.isNode()) return;
  const look = {
    visited: { fill: '#dafbe1', stroke: '#2da44e' },
    current: { stroke: '#1f6feb', strokeWidth: 4 },
    incident: { fill: '#ffebe9', stroke: '#cf222e', strokeWidth: 3 },
    problem: { stroke: '#cf222e', strokeWidth: 3, strokeDasharray: '6 3' },
    added: { fill: '#dafbe1', stroke: '#2da44e', strokeWidth: 3 },
    removed: { fill: '#ffebe9', stroke: '#cf222e', strokeWidth: 2, strokeDasharray: '6 3' },
    changed: { fill: '#fff8c5', stroke: '#bf8700', strokeWidth: 3 },
  }[kind] ?? {};
  const quiet = { ignoreHistory: true };
  node.setAttrs({ body: look, badge: { text: badge ?? '', fill: look.stroke ?? '#57606a' } }, quiet);
  node.prop('data/mark', kind, quiet);
}

/** Clears every node's marks (problems are re-pinned after each check). */
export function clearMarks(graph, kind) {
  graph.getNodes().forEach((node) => {
    if (kind && node.prop('data/mark') !== kind) return;
    const quiet = { ignoreHistory: true };
    node.setAttrs({ body: { fill: '#ffffff', stroke: '#8c959f', strokeWidth: 1.5, strokeDasharray: null }, badge: { text: '' } }, quiet);
    node.prop('data/mark', null, quiet);
  });
}

/** The stylesheet of the graph entries (X6's CSS and ours), loaded as a file: the CSP refuses inline styles. */
export function ensureStylesheet(name) {
  const href = `/assets/dist/${name}.css`;
  let link = document.querySelector(`link[href="${href}"]`);
  if (!link) {
    link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    document.head.appendChild(link);
  }
  return link.sheet ? Promise.resolve() : new Promise((resolve) => {
    link.addEventListener('load', resolve, { once: true });
    link.addEventListener('error', resolve, { once: true });
  });
}
