import type { ReactNode } from "react";

export interface Column {
  key: string;
  label: ReactNode;
  id?: string;
  className?: string;
}

// The <thead> of a data table: one column header (scope="col") per column.
export function ColumnHeaders({ columns, className, rowClassName, cellClassName = "" }: { columns: Column[]; className?: string; rowClassName?: string; cellClassName?: string }) {
  return (
    <thead className={className}>
      <tr className={rowClassName}>
        {columns.map((column) => (
          <th key={column.key} id={column.id} scope="col" className={`${cellClassName} ${column.className ?? ""}`.trim() || undefined}>
            {column.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
