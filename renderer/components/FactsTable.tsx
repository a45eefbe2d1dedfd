/** A two-column table of facts: a label (row header) and its value on each row. */
import { Table } from '@mantine/core';
import type { ReactNode } from 'react';

/** The facts in the order given; `label` names the table for screen readers. */
export function FactsTable({ label, rows }: { label: string; rows: [string, ReactNode][] }): React.JSX.Element {
  return (
    <Table aria-label={label}>
      <Table.Tbody>
        {rows.map(([name, value], i) => (
          // Names may repeat (two signers can share a name), so the row's place is part of its key.
          <Table.Tr key={`${i}-${name}`}>
            <Table.Th scope="row">{name}</Table.Th>
            <Table.Td>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
