// Resource ids: GUIDs stored as UUID, written as 32 lowercase hex digits ("N" format, CONTRACT.md
// §1.2). Routes accept the dashed form too, in any letter case, as ODS's {id:guid} does.
const N_FORMAT = /^[0-9a-f]{32}$/i;
const D_FORMAT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const B_FORMAT = /^[{(][0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}[})]$/i;

/** The dashed UUID text for the database, or undefined when the value is not a GUID. */
export function parseResourceId(value: string): string | undefined {
  let hex: string;
  if (N_FORMAT.test(value)) hex = value;
  else if (D_FORMAT.test(value)) hex = value.replace(/-/g, '');
  else if (B_FORMAT.test(value)) hex = value.slice(1, -1).replace(/-/g, '');
  else return undefined;
  hex = hex.toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A database UUID as the API renders it. */
export function formatResourceId(uuid: string): string {
  return uuid.replace(/-/g, '').toLowerCase();
}
