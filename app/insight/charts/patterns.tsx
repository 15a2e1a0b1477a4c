/**
 * Fills told apart by their pattern, not only their colour: solid, diagonal lines, dots, a grid,
 * horizontal lines and empty. Drawn in "ink" on "paper" classes, which forced-colours mode turns
 * into the system's text and background colours (app/styles/_insight.scss).
 */
export const fills = ["solid", "hatch", "dots", "grid", "lines", "empty"] as const;
export type Fill = (typeof fills)[number];

/** The `fill` for a shape: the pattern's url, or none for solid and empty ones (styled by class). */
export function fillOf(prefix: string, fill: Fill): string | undefined {
  return fill === "solid" || fill === "empty" ? undefined : `url(#${prefix}-${fill})`;
}

export function fillClass(fill: Fill): string {
  return fill === "solid" ? "app-insight-ink" : fill === "empty" ? "app-insight-paper" : "";
}

/** The pattern definitions, once per SVG, named `${prefix}-hatch` and so on. */
export function PatternDefs({ prefix }: { prefix: string }) {
  const tile = (name: Fill, children: React.ReactNode, size = 8) => (
    <pattern id={`${prefix}-${name}`} width={size} height={size} patternUnits="userSpaceOnUse">
      <rect width={size} height={size} className="app-insight-paper" />
      {children}
    </pattern>
  );
  return (
    <defs>
      {tile("hatch", <path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" className="app-insight-stroke" strokeWidth="2" />)}
      {tile("dots", <circle cx="4" cy="4" r="1.8" className="app-insight-ink" />)}
      {tile("grid", <path d="M0,4 h8 M4,0 v8" className="app-insight-stroke" strokeWidth="1.5" />)}
      {tile("lines", <path d="M0,2 h8 M0,6 h8" className="app-insight-stroke" strokeWidth="1.5" />)}
    </defs>
  );
}

/** A small square showing a fill, for a legend beside the chart. */
export function Swatch({ prefix, fill }: { prefix: string; fill: Fill }) {
  return (
    <svg className="app-insight-swatch" width="20" height="20" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      <PatternDefs prefix={`${prefix}-swatch`} />
      <rect x="1" y="1" width="18" height="18" className={`app-insight-outline ${fillClass(fill)}`} fill={fillOf(`${prefix}-swatch`, fill)} />
    </svg>
  );
}

/** A legend: each fill with the words it stands for. */
export function Legend({ prefix, items }: { prefix: string; items: { key: string; fill: Fill; label: string }[] }) {
  return (
    <ul className="app-insight-legend">
      {items.map((item) => (
        <li key={item.key}>
          <Swatch prefix={`${prefix}-${item.key}`} fill={item.fill} />
          {item.label}
        </li>
      ))}
    </ul>
  );
}
