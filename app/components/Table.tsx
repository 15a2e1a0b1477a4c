import { useId } from "react";

/** A column heading: its words, or the words with `numeric` to right-align a column of figures. */
export type TableHeader = string | { label: React.ReactNode; numeric?: boolean; key?: string };

interface TableProps {
  caption: React.ReactNode;
  /** "m" or "s" shows the caption as a heading of that size; "hidden" keeps it for screen readers, where a heading already names the table. */
  captionSize?: "m" | "s" | "hidden";
  headers: TableHeader[];
  /** The body's rows: `govuk-table__row`s of `govuk-table__header` (scope="row") and `govuk-table__cell` cells. */
  children: React.ReactNode;
  /** More classes for the table itself, after `govuk-table`. */
  className?: string;
  id?: string;
  /** Scroll sideways in its own box (the default); false only for a table too narrow ever to need it. */
  scroll?: boolean;
}

const captionClass = {
  m: "govuk-table__caption govuk-table__caption--m",
  s: "govuk-table__caption govuk-table__caption--s",
  hidden: "govuk-table__caption govuk-visually-hidden",
};

/** A GOV.UK table: a caption, a row of column headings, and the rows given. */
export function Table({ caption, captionSize = "hidden", headers, children, className, id, scroll = true }: TableProps) {
  const captionId = useId();
  const table = (
    <table className={className ? `govuk-table ${className}` : "govuk-table"} id={id}>
      <caption className={captionClass[captionSize]} id={scroll ? captionId : undefined}>
        {caption}
      </caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          {headers.map((header, index) => {
            const { label, numeric, key } = typeof header === "string" ? { label: header, numeric: false, key: header } : header;
            return (
              <th
                key={key ?? (typeof label === "string" ? label : index)}
                scope="col"
                className={numeric ? "govuk-table__header govuk-table__header--numeric" : "govuk-table__header"}
              >
                {label}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody className="govuk-table__body">{children}</tbody>
    </table>
  );
  return scroll ? <ScrollRegion labelledBy={captionId}>{table}</ScrollRegion> : table;
}

/** A wide table scrolls sideways inside this box on a phone, rather than widening the page. */
function ScrollRegion({ labelledBy, children }: { labelledBy: string; children: React.ReactNode }) {
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling box must take focus so the keyboard can scroll it (WCAG 2.1.1)
    <div className="app-table-scroll" role="region" aria-labelledby={labelledBy} tabIndex={0}>
      {children}
    </div>
  );
}
