/** One way the live post differs from the approved content. */
export interface ContentDifference {
  field: 'text' | 'links' | 'media';
  approved: string | number | string[];
  live: string | number | string[];
}

export interface ApprovedContent {
  body: string;
  links: readonly string[];
  mediaCount: number;
}

export interface ShownContent {
  text: string;
  /** Links as the network shows them, already expanded from t.co / lnkd.in where the API gives the expansion. */
  links: readonly string[];
  mediaCount: number;
}

/** Line endings and runs of spaces are the network's typesetting, not a change of wording. */
export function normalizeText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .trim();
}

/** Networks add or drop a trailing slash and lowercase the host; neither changes where a link goes. */
export function normalizeLink(link: string): string {
  try {
    const url = new URL(link.trim());
    const path = url.pathname.replace(/\/+$/, '');
    return `${url.protocol}//${url.host.toLowerCase()}${path}${url.search}${url.hash}`;
  } catch {
    return link.trim();
  }
}

/**
 * Where the network's copy differs from what was approved: the text (after whitespace), the
 * links (as sets, compared by destination), the number of images or videos. Empty: the same.
 * The approved body carries the links the author wrote in it; a network that appends the link
 * card of `links` shows it as a link, not as text, so only the approved body is compared as text.
 */
export function compareContent(approved: ApprovedContent, live: ShownContent): ContentDifference[] {
  const differences: ContentDifference[] = [];
  const approvedText = normalizeText(approved.body);
  const liveText = normalizeText(live.text);
  if (approvedText !== liveText) differences.push({ field: 'text', approved: approvedText, live: liveText });
  const wanted = [...new Set(approved.links.map(normalizeLink))].sort();
  const shown = new Set(live.links.map(normalizeLink));
  const missing = wanted.filter((link) => !shown.has(link));
  if (missing.length > 0) differences.push({ field: 'links', approved: wanted, live: [...shown].sort() });
  if (approved.mediaCount !== live.mediaCount) {
    differences.push({ field: 'media', approved: approved.mediaCount, live: live.mediaCount });
  }
  return differences;
}

/**
 * Whether a found post is the approved one: same wording and the same number of images (links shown may be shortened).
 */
export function isSamePost(approved: ApprovedContent, live: ShownContent): boolean {
  const differences = compareContent(approved, live);
  return differences.every((d) => d.field === 'links');
}
