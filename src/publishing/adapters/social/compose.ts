import type { PublishRequest } from '../channel-adapter';

/**
 * The text sent where a network has one text field: the approved body, then each approved
 * link the body does not already contain, one per line. Nothing is shortened or reworded:
 * a network that would need that refuses the post, and the refusal is shown.
 */
export function composeText(body: string, links: readonly string[]): string {
  const extra = links.filter((link) => !body.includes(link));
  return extra.length === 0 ? body : `${body}\n\n${extra.join('\n')}`;
}

export function composedText(request: PublishRequest): string {
  return composeText(request.body, request.links);
}

/** The links a post carries: the approved ones and those written in the body. */
export function linksOf(text: string, links: readonly string[]): string[] {
  const inText = text.match(/https?:\/\/[^\s<>"')\]]+/g) ?? [];
  return [...new Set([...links, ...inText])];
}
