export interface DataRow {
  key: string;
  header: React.ReactNode;
  /** `lang` on the row's header when it is in another language than the page (a name left in English). */
  lang?: string;
  cells: React.ReactNode[];
}

interface DataTableProps {
  caption: string;
  /** The first column's header, then one per cell. */
  headers: string[];
  rows: DataRow[];
  /** Show the caption (a table on its own) or keep it for screen readers (a table under its chart). */
  captionVisible?: boolean;
}

/** The figures of a chart as a table: a row header per line, numbers aligned for comparing. */
export function DataTable({ caption, headers, rows, captionVisible = false }: DataTableProps) {
  const [first, ...rest] = headers;
  return (
    <ScrollRegion label={caption}>
      <table className="govuk-table app-chart__table">
        <caption className={captionVisible ? "govuk-table__caption govuk-table__caption--s" : "govuk-visually-hidden"}>{caption}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              {first}
            </th>
            {rest.map((header) => (
              <th key={header} scope="col" className="govuk-table__header govuk-table__header--numeric">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.map((row) => (
            <tr key={row.key} className="govuk-table__row">
              <th scope="row" className="govuk-table__header" lang={row.lang}>
                {row.header}
              </th>
              {row.cells.map((cell, index) => (
                <td key={index} className="govuk-table__cell govuk-table__cell--numeric">
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/** A wide table scrolls sideways inside this box on a phone, rather than widening the page. */
export function ScrollRegion({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling box must take focus so the keyboard can scroll it (WCAG 2.1.1)
    <div className="app-insight-table" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
