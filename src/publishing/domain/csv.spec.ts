import { csvField, csvRow } from './csv';

describe('csv', () => {
  it('leaves plain fields alone and quotes what needs it', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line1\nline2')).toBe('"line1\nline2"');
    expect(csvField(' padded')).toBe('" padded"');
  });

  it('writes nothing for null, ISO for dates and JSON for objects', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(new Date('2026-12-01T08:30:00Z'))).toBe('2026-12-01T08:30:00.000Z');
    expect(csvField({ a: 1 })).toBe('"{""a"":1}"');
    expect(csvField(3)).toBe('3');
  });

  it('defuses spreadsheet formulas', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-5% today')).toBe("'-5% today");
  });

  it('ends rows with CRLF', () => {
    expect(csvRow(['a', 'b,c', null])).toBe('a,"b,c",\r\n');
  });
});
