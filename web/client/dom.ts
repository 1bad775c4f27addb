/**
 * A few DOM helpers. Text only ever goes in through `textContent` or attributes set by name, so
 * data from the API cannot become markup.
 */

/** The element with this id, or a loud failure (the page and its script disagree). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from the page`);
  return element as T;
}

type Child = Node | string | null | undefined | false;

/**
 * Creates an element with attributes and children (strings become text nodes).
 *
 * @example
 * el('a', { href: `/cities/${city.id}` }, city.name)
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : value);
  }
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) if (child) parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
}

/** Replaces an element's content. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

/** Shows a message in a status area (`role=status`), as a paragraph; `kind` sets its colour. */
export function say(area: Element, message: string | Node, kind: 'info' | 'error' | 'success' = 'info'): void {
  replace(area, el('p', { class: `message ${kind}` }, message));
}
