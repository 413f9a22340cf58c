/**
 * LinkedIn's "little text" format for commentary: these characters are markup (mentions,
 * hashtags, templates) unless escaped with a backslash. Escaped, the post shows exactly the
 * approved characters. https://learn.microsoft.com/linkedin/marketing/community-management/shares/little-text-format
 */
const RESERVED = /[\\|{}@[\]()<>#*_~]/g;

export function escapeLittleText(text: string): string {
  return text.replace(RESERVED, (c) => `\\${c}`);
}

export function unescapeLittleText(text: string): string {
  return text.replace(/\\([\\|{}@[\]()<>#*_~])/g, '$1');
}
