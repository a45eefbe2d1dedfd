/**
 * A table of records described by its columns: a named table, a header row of
 * column headers (scope=col), one row a record. Registers, lists and histories
 * use it so their tables read the same to a screen reader.
 */
import { Table, VisuallyHidden, type MantineSpacing } from '@mantine/core';
import type { ReactNode } from 'react';

/** One column: its header and how a record fills its cell. */
export interface Column<Row> {
  header: string;
  /** The header is read by screen readers only (a column of buttons needs a name, not a visible heading). */
  headerHidden?: boolean;
  /** The cell names its row: a row header (th scope=row) rather than a data cell. */
  rowHeader?: boolean;
  /** A class on the cell itself. */
  className?: string;
  cell: (row: Row) => ReactNode;
}

/** The table named `label`; with `minWidth` it scrolls sideways inside a narrower window. */
export function DataTable<Row>({
  label,
  columns,
  rows,
  rowKey,
  minWidth,
  verticalSpacing,
  highlightOnHover = false,
}: {
  label: string;
  columns: Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  minWidth?: number;
  verticalSpacing?: MantineSpacing;
  highlightOnHover?: boolean;
}): React.JSX.Element {
  const table = (
    <Table
      aria-label={label}
      highlightOnHover={highlightOnHover}
      {...(verticalSpacing === undefined ? {} : { verticalSpacing })}
    >
      <Table.Thead>
        <Table.Tr>
          {columns.map((c, i) => (
            // Columns are a fixed list, so their place is their identity.
            <Table.Th key={i} scope="col">
              {c.headerHidden === true ? <VisuallyHidden>{c.header}</VisuallyHidden> : c.header}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={rowKey(row)}>
            {columns.map((c, i) =>
              c.rowHeader === true ? (
                <Table.Th key={i} scope="row" className={c.className}>
                  {c.cell(row)}
                </Table.Th>
              ) : (
                <Table.Td key={i} className={c.className}>
                  {c.cell(row)}
                </Table.Td>
              ),
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
  return minWidth === undefined ? table : <Table.ScrollContainer minWidth={minWidth}>{table}</Table.ScrollContainer>;
}
