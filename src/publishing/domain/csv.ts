/**
 * One CSV field per RFC 4180: quoted when it holds a comma, a quote, a line break or leading
 * or trailing space, with quotes doubled. A field that a spreadsheet would run as a formula
 * (starting with = + - @, tab or carriage return) gets a leading apostrophe, so an exported
 * post body can never execute in the examiner's spreadsheet.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text =
    typeof value === 'string'
      ? value
      : value instanceof Date
        ? value.toISOString()
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value as number | boolean | bigint);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly unknown[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
