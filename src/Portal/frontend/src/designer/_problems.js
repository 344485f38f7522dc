// Pins the validator's problems to their nodes (a red dashed border and a ⚠ badge) and lists them under the canvas.
import { markNode, clearMarks } from '../_graph/render';
import { h } from './_fields';

export function pinProblems(graph, list, problems, onPick) {
  clearMarks(graph, 'problem');
  const perNode = new Map();
  problems.forEach((p) => p.nodeId && perNode.set(p.nodeId, (perNode.get(p.nodeId) ?? 0) + 1));
  perNode.forEach((count, id) => markNode(graph, id, 'problem', `⚠ ${count}`));
  list.replaceChildren(...problems.map((p) => {
    const item = h('li', { 'data-test': 'problem', 'data-node': p.nodeId ?? '', 'data-code': p.code }, [
      h('strong', { text: p.nodeId ? `${p.nodeId}: ` : '' }),
      h('span', { text: p.text }),
      h('span', { class: 'hint', text: ` — ${p.detail}` }),
    ]);
    if (p.nodeId) item.addEventListener('click', () => onPick(p.nodeId));
    return item;
  }));
  list.dataset.count = String(problems.length);
}
