import { Table } from "~/components/Table";

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
    <Table
      caption={caption}
      captionSize={captionVisible ? "s" : "hidden"}
      headers={[first, ...rest.map((header) => ({ label: header, numeric: true }))]}
      className="app-chart__table"
    >
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
    </Table>
  );
}
