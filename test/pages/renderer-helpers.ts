import type { RenderedElementNode } from '@hubspot/ui-extensions/testing';

/**
 * trigger() is typed to take the handler itself as its argument; at run time it passes the value on, so
 * value-carrying events (a typed text, picked ids) go through here.
 */
export function send(node: { trigger: RenderedElementNode['trigger'] }, event: string, value: unknown): void {
  (node.trigger as (eventPropName: string, eventArg: unknown) => void)(event, value);
}

/** ICU versions differ in the space before AM/PM (a narrow no-break space or not): compare spaces as spaces. */
export function spaced(text: string | null | undefined): string {
  return (text ?? '').replace(/\s/g, ' ');
}

interface TextTree {
  readonly text: string | null;
  readonly nodeType?: unknown;
  readonly childNodes?: readonly TextTree[];
}

/** Every text inside a node, its children's included (a node's own `text` holds only its direct text). */
export function allText(node: TextTree): string {
  const children = node.childNodes ?? [];
  if (children.length === 0) return node.text ?? '';
  return children.map((child) => allText(child)).join(' ');
}
