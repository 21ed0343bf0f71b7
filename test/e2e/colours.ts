// Computed CSS colours read from the page, and WCAG contrast between them.

export interface Rgb {
  r: number;
  g: number;
  b: number;
  alpha: number;
}

/** `rgb(1, 2, 3)` / `rgba(1, 2, 3, 0.5)` as `getComputedStyle` gives them. */
export function parseRgb(css: string): Rgb {
  const m = /^rgba?\((\d+(?:\.\d+)?),\s*(\d+(?:\.\d+)?),\s*(\d+(?:\.\d+)?)(?:,\s*(\d*(?:\.\d+)?))?\)$/.exec(css.trim());
  if (!m) throw new Error(`not a computed rgb() colour: ${JSON.stringify(css)}`);
  return { r: Number(m[1]), g: Number(m[2]), b: Number(m[3]), alpha: m[4] === undefined ? 1 : Number(m[4]) };
}

/** `#rgb`, `#rrggbb` or `#rrggbbaa`, as theme files and VS Code's CSS variables give them. */
export function parseHex(css: string): Rgb {
  const hex = css.trim().replace(/^#/, '');
  const full = hex.length === 3 || hex.length === 4 ? [...hex].map((c) => c + c).join('') : hex;
  if (!/^[0-9a-f]{6}([0-9a-f]{2})?$/i.test(full)) throw new Error(`not a hex colour: ${JSON.stringify(css)}`);
  const byte = (i: number) => parseInt(full.slice(i, i + 2), 16);
  return { r: byte(0), g: byte(2), b: byte(4), alpha: full.length === 8 ? byte(6) / 255 : 1 };
}

/** WCAG 2 relative luminance, 0 (black) to 1 (white). */
export function luminance({ r, g, b }: Rgb): number {
  const linear = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG 2 contrast ratio, 1 to 21. */
export function contrast(a: Rgb, b: Rgb): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}
