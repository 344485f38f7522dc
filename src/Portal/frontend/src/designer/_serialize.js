// The canvas back to definition JSON: each node's activity (with its position), each edge a connection from
// "out:<outcome>" to a node; an edge that ends on the blank canvas is kept with an empty "to" so the validator pins it.
export function toDefinition(graph, base) {
  const activities = graph.getNodes().map((node) => {
    const activity = { ...node.getData().activity };
    const p = node.getPosition();
    activity.position = { x: Math.round(p.x), y: Math.round(p.y) };
    return activity;
  });
  const connections = graph.getEdges().map((edge) => {
    const source = edge.getSource();
    const target = edge.getTarget();
    const outcome = String(source.port ?? '').replace(/^out:/, '');
    return { from: source.cell ?? '', outcome, to: target.cell ?? '' };
  }).filter((c) => c.from);
  return { ...base, activities, connections };
}

/** A new node id from its type: "notifyapplication-2". */
export function newNodeId(graph, type) {
  const stem = type.toLowerCase().replace(/[^a-z0-9-]/g, '');
  for (let i = 1; ; i += 1) {
    if (!graph.getCellById(`${stem}-${i}`)) return `${stem}-${i}`;
  }
}
