// An automatic layered layout for definitions saved without positions: ranks by longest path from Start (loops
// broken at their back edges), nodes in a rank ordered by their parents' places, then centred.
import { NODE_WIDTH, NODE_HEIGHT } from './shapes';

const GAP_X = 50;
const GAP_Y = 60;

export function layeredLayout(definition) {
  const ids = definition.activities.map((a) => a.id);
  const known = new Set(ids);
  const out = new Map(ids.map((id) => [id, []]));
  for (const c of definition.connections) {
    if (known.has(c.from) && known.has(c.to)) out.get(c.from).push(c.to);
  }

  // Depth-first from Start (then from anything left) marks back edges, which ranking ignores.
  const start = definition.activities.find((a) => a.type === 'Start');
  const roots = [...(start ? [start.id] : []), ...ids];
  const state = new Map();
  const order = [];
  const back = new Set();
  for (const root of roots) {
    if (state.has(root)) continue;
    const stack = [[root, 0]];
    state.set(root, 1);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const next = out.get(top[0])[top[1]++];
      if (next === undefined) {
        state.set(top[0], 2);
        order.push(top[0]);
        stack.pop();
      } else if (state.get(next) === 1) {
        back.add(`${top[0]}>${next}`);
      } else if (!state.has(next)) {
        state.set(next, 1);
        stack.push([next, 0]);
      }
    }
  }

  const rank = new Map(ids.map((id) => [id, 0]));
  const parents = new Map(ids.map((id) => [id, []]));
  for (const id of order.reverse()) {
    for (const next of out.get(id)) {
      if (back.has(`${id}>${next}`)) continue;
      rank.set(next, Math.max(rank.get(next), rank.get(id) + 1));
      parents.get(next).push(id);
    }
  }

  const rows = [];
  for (const id of order) {
    const r = rank.get(id);
    (rows[r] ??= []).push(id);
  }

  const place = new Map();
  const positions = {};
  rows.forEach((row, r) => {
    const keyed = row.map((id, i) => {
      const ps = parents.get(id).filter((p) => place.has(p));
      return { id, key: ps.length ? ps.reduce((s, p) => s + place.get(p), 0) / ps.length : i };
    }).sort((a, b) => a.key - b.key);
    const width = keyed.length * (NODE_WIDTH + GAP_X) - GAP_X;
    keyed.forEach(({ id }, i) => {
      const x = i * (NODE_WIDTH + GAP_X) - width / 2;
      place.set(id, x);
      positions[id] = { x, y: r * (NODE_HEIGHT + GAP_Y) };
    });
  });
  return positions;
}
