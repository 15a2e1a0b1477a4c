import { useTranslation } from "react-i18next";
import { Table } from "~/components/Table";
import { intlLocale } from "~/i18n/config";
import { purgeCountKeys, type PurgeCounts } from "./limits";

/** What a purge removed, or a dry run would remove, row by row. */
export function PurgeTable({ caption, counts }: { caption: string; counts: PurgeCounts }) {
  const { t, i18n } = useTranslation("staff");
  const number = new Intl.NumberFormat(intlLocale(i18n.language));
  return (
    <Table caption={caption} captionSize="s" headers={[t("retention.table.what"), { label: t("retention.table.count"), numeric: true }]}>
      {purgeCountKeys.map((row) => (
        <tr key={row} className="govuk-table__row">
          <th scope="row" className="govuk-table__header">
            {t(`retention.rows.${row}`)}
          </th>
          <td className="govuk-table__cell govuk-table__cell--numeric">{number.format(counts[row])}</td>
        </tr>
      ))}
    </Table>
  );
}
