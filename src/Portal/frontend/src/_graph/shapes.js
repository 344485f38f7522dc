// The node and edge shapes of workflow graphs, shared by the designer and the read-only instance graph.
import { Graph } from '@antv/x6';

export const NODE_WIDTH = 210;
export const NODE_HEIGHT = 58;
export const SHAPE = 'cp-activity';

const port = (magnet, position) => ({
  position,
  attrs: {
    circle: { r: 5, magnet, stroke: '#57606a', strokeWidth: 1, fill: '#fff' },
    text: { fontSize: 10, fill: '#57606a' },
  },
  label: { position: { name: position === 'top' ? 'top' : 'bottom', args: { y: position === 'top' ? -4 : 4 } } },
});

let registered = false;

/** Registers the activity shape once per page. */
export function registerShapes() {
  if (registered) return;
  registered = true;
  Graph.registerNode(SHAPE, {
    inherit: 'rect',
    width: NODE_WIDTH,
    height: NODE_HEIGHT,
    markup: [
      { tagName: 'rect', selector: 'body' },
      { tagName: 'text', selector: 'icon' },
      { tagName: 'text', selector: 'label' },
      { tagName: 'text', selector: 'type' },
      { tagName: 'text', selector: 'badge', attrs: { 'data-test': 'node-badge' } },
    ],
    attrs: {
      body: { refWidth: '100%', refHeight: '100%', rx: 8, ry: 8, fill: '#ffffff', stroke: '#8c959f', strokeWidth: 1.5 },
      icon: { refX: 16, refY: '50%', textAnchor: 'middle', textVerticalAnchor: 'middle', fontSize: 18, fill: '#1f6feb' },
      label: { refX: 32, refY: 21, fontSize: 13, fill: '#1f2328', textVerticalAnchor: 'middle', textAnchor: 'start' },
      type: { refX: 32, refY: 41, fontSize: 11, fill: '#57606a', textVerticalAnchor: 'middle', textAnchor: 'start' },
      badge: { refX: '100%', refX2: -8, refY: 11, textAnchor: 'end', textVerticalAnchor: 'middle', fontSize: 11, fontWeight: 'bold', fill: '#cf222e', text: '' },
    },
    ports: { groups: { in: port('passive', 'top'), out: port(true, 'bottom') } },
  }, true);
}

/** Cuts a label to what fits a node (SVG text does not wrap). */
export function fit(text, max = 15) {
  const s = String(text ?? '');
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export const edgeAttrs = {
  line: { stroke: '#8c959f', strokeWidth: 1.5, targetMarker: { name: 'classic', size: 7 } },
};
