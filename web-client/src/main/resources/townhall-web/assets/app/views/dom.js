// Small DOM helpers. Text goes in through textContent only.

const SVG_NS = 'http://www.w3.org/2000/svg';

export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function setText(node, text) {
  const value = text ?? '';
  if (node.textContent !== value) node.textContent = value;
}

export function setAttr(node, name, value) {
  const next = String(value);
  if (node.getAttribute(name) !== next) node.setAttribute(name, next);
}

/**
 * Marks text people wrote (questions, names, answers, reasons, titles) as being in an unknown language (lang=""), so
 * a screen reader does not read Vietnamese with the English voice of the interface, or the other way round. A label
 * of the interface shown in the same place (e.g. "Anonymous") takes the page's language back.
 */
export function setUserText(node, text, userWritten = true) {
  setText(node, text);
  if (userWritten) setAttr(node, 'lang', '');
  else if (node.hasAttribute('lang')) node.removeAttribute('lang');
}

export function setHidden(node, hidden) {
  if (node.hidden !== hidden) node.hidden = hidden;
}

/** An icon from one SVG path on a 24×24 grid, hidden from assistive technology. */
export function icon(pathData, className = 'icon') {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', className);
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', pathData);
  svg.append(path);
  return svg;
}

export const ICONS = {
  upvote: 'M12 4 4 14h5v6h6v-6h5z',
};

/**
 * An optional child kept in `parts[key]`: created and inserted when `present`, removed when not.
 * Returns the node while present, else null.
 */
export function optionalPart(parts, key, present, create, parent, before = null) {
  let node = parts[key];
  if (present && !node) {
    node = create();
    parts[key] = node;
    parent.insertBefore(node, before && before.parentNode === parent ? before : null);
  } else if (!present && node) {
    node.remove();
    delete parts[key];
    node = null;
  }
  return present ? node : null;
}
