/**
 * Text inside HTML or XML (the listen page, the feed's HTML descriptions, SSML): every character
 * that means something in markup is escaped, so edition text is always text. Numeric `&#39;` for
 * the apostrophe reads the same in XML, HTML5 and the HTML4 some podcast apps still render.
 */
export function escapeMarkup(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char]!);
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
