// The editor's X6 graph: plugins (selection, history, keyboard, snapline, minimap), connecting rules (from an outcome
// port to a node's "in" port; a drop on the blank canvas leaves a dangling edge for the validator to pin), and
// inserting a palette step — onto an edge, the step goes between its two nodes.
import { Selection, History, Keyboard, Snapline, MiniMap } from '@antv/x6';
import { createGraph, nodeMetadata, edgeMetadata } from '../_graph/render';
import { NODE_WIDTH, NODE_HEIGHT, edgeAttrs } from '../_graph/shapes';
import { newNodeId } from './_serialize';

/**
 * The editor's graph. With <paramref name="virtual"/> (the default; ?draw=all turns it off for comparison) X6 mounts only
 * the cells in view plus a margin and mounts the others as the view pans or zooms, so a 200-step definition opens
 * as fast as a 30-step one. Rendering stays synchronous: "ready" means what is in view is drawn.
 */
export function createEditorGraph(container, { virtual = true } = {}) {
  let graph;
  graph = createGraph(container, {
    async: false,
    virtual: virtual ? { enabled: true, margin: 160 } : false,
    connecting: {
      snap: { radius: 24 },
      allowBlank: true,
      allowLoop: false,
      allowNode: false,
      allowMulti: true,
      highlight: true,
      connector: { name: 'smooth' },
      createEdge: () => graph.createEdge({ shape: 'edge', attrs: edgeAttrs, connector: { name: 'smooth' } }),
      validateConnection: ({ targetMagnet }) => !targetMagnet || targetMagnet.getAttribute('port-group') === 'in',
    },
    highlighting: { magnetAvailable: { name: 'stroke', args: { attrs: { stroke: '#2da44e', strokeWidth: 2 } } } },
  });
  const history = new History({ enabled: true, beforeAddCommand: (event, args) => !args?.options?.ignoreHistory });
  graph.use(new Selection({ enabled: true, multiple: true, rubberband: true, modifiers: ['shift'], movable: true, showNodeSelectionBox: true }));
  graph.use(new Snapline({ enabled: true }));
  graph.use(history);
  const keyboard = new Keyboard({ enabled: true, global: false });
  graph.use(keyboard);
  keyboard.bindKey(['delete', 'backspace'], () => {
    const cells = graph.getSelectedCells().filter((c) => !(c.isNode() && c.getData()?.activity?.type === 'Start'));
    if (cells.length) graph.removeCells(cells);
    return false;
  });
  keyboard.bindKey(['ctrl+z', 'meta+z'], () => { history.undo(); return false; });
  keyboard.bindKey(['ctrl+shift+z', 'meta+shift+z', 'ctrl+y'], () => { history.redo(); return false; });
  return { graph, history };
}

/**
 * The minimap: its own graph of every cell, so it is attached after the canvas is ready and renders asynchronously (in
 * frames), keeping the first draw and the first click free of it.
 */
export function attachMinimap(graph, container) {
  if (!container) return;
  const attach = () => graph.use(new MiniMap({ container, width: 200, height: 140, padding: 8, graphOptions: { async: true } }));
  if ('requestIdleCallback' in window) window.requestIdleCallback(attach, { timeout: 1500 }); else setTimeout(attach, 200);
}

/** The edge whose drawn path passes nearest the point (within a few units), or null. */
function edgeNear(graph, point) {
  let best = null;
  let bestDistance = 30;
  graph.getEdges().forEach((edge) => {
    const path = graph.findViewByCell(edge)?.path;
    if (!path || !edge.getTargetCell()) return;
    const q = path.closestPoint(point);
    const d = q ? Math.hypot(q.x - point.x, q.y - point.y) : Infinity;
    if (d < bestDistance) { best = edge; bestDistance = d; }
  });
  return best;
}

/** Adds a step of the palette item's type centred on the client point; dropped on an edge, it is inserted into it. */
export function insertStep(graph, item, clientX, clientY, describe) {
  const p = graph.clientToLocal(clientX, clientY);
  const id = newNodeId(graph, item.type);
  const activity = { id, type: item.type, inputs: {} };
  const edge = edgeNear(graph, p);
  graph.startBatch('insert-step');
  const node = graph.addNode(nodeMetadata(activity, describe, [], { x: p.x - NODE_WIDTH / 2, y: p.y - NODE_HEIGHT / 2 }));
  if (edge && item.outcomes.length) {
    // Make room: everything from the drop point down moves one row lower, so the new step overlaps nothing.
    const top = p.y - NODE_HEIGHT / 2;
    graph.getNodes().forEach((n) => { if (n !== node && n.getPosition().y >= top - 10) n.translate(0, NODE_HEIGHT + 40); });
    const next = edge.getTargetCellId();
    edge.setTarget({ cell: id, port: 'in' });
    graph.addEdge(edgeMetadata({ from: id, outcome: item.outcomes[0], to: next }));
  }
  graph.stopBatch('insert-step');
  graph.cleanSelection();
  graph.select(node);
  return node;
}
