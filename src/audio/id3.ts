/**
 * ID3v2.3 tags for a joined MP3: title, show, artist, date, genre, comment, cover art and one
 * chapter (CHAP, listed in a CTOC) per article. Version 2.3 because that is what podcast apps
 * and Apple read most reliably. Text is ISO-8859-1 when it fits, else UTF-16 with a BOM, as
 * v2.3 allows nothing else.
 */

export interface Id3Chapter {
  title: string;
  /** Seconds of the decoded audio. */
  start: number;
  end: number;
}

export interface Id3Tags {
  title: string;
  album: string;
  artist: string;
  /** YYYY-MM-DD. */
  date: string;
  comment?: string;
  genre?: string;
  chapters?: Id3Chapter[];
  cover?: { mime: 'image/jpeg' | 'image/png'; data: Buffer };
}

export function renderId3(tags: Id3Tags): Buffer {
  const frames: Buffer[] = [
    textFrame('TIT2', tags.title),
    textFrame('TALB', tags.album),
    textFrame('TPE1', tags.artist),
    textFrame('TPE2', tags.artist),
  ];
  const date = /^(\d{4})-(\d{2})-(\d{2})/.exec(tags.date);
  if (date) frames.push(textFrame('TYER', date[1]!), textFrame('TDAT', `${date[3]}${date[2]}`));
  frames.push(textFrame('TCON', tags.genre ?? 'Podcast'));
  if (tags.comment) frames.push(commentFrame(tags.comment));
  const chapters = tags.chapters ?? [];
  if (chapters.length > 0) {
    const ids = chapters.map((_, i) => `ch${i}`);
    frames.push(tableOfContents(ids));
    for (const [i, chapter] of chapters.entries()) frames.push(chapterFrame(ids[i]!, chapter));
  }
  if (tags.cover) frames.push(pictureFrame(tags.cover.mime, tags.cover.data));
  const body = Buffer.concat(frames);
  const header = Buffer.from([0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0, 0]);
  writeSynchsafe(header, 6, body.length);
  return Buffer.concat([header, body]);
}

/** The cover's type from its first bytes; ID3 readers only take JPEG and PNG. */
export function coverMime(data: Buffer): 'image/jpeg' | 'image/png' | undefined {
  if (data[0] === 0xff && data[1] === 0xd8) return 'image/jpeg';
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return undefined;
}

function frame(id: string, body: Buffer): Buffer {
  const header = Buffer.alloc(10);
  header.write(id, 0, 'latin1');
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

/** Encoding byte and the encoded, terminated string. */
function encodeText(text: string): { encoding: number; bytes: Buffer } {
  if (/^[\u0000-\u00ff]*$/.test(text)) return { encoding: 0, bytes: Buffer.concat([Buffer.from(text, 'latin1'), Buffer.alloc(1)]) };
  return { encoding: 1, bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le'), Buffer.alloc(2)]) };
}

function textFrame(id: string, text: string): Buffer {
  const { encoding, bytes } = encodeText(text);
  return frame(id, Buffer.concat([Buffer.from([encoding]), bytes]));
}

function commentFrame(text: string): Buffer {
  const { encoding, bytes } = encodeText(text);
  // An empty description, in the same encoding as the text.
  const description = encoding === 0 ? Buffer.alloc(1) : Buffer.from([0xff, 0xfe, 0, 0]);
  return frame('COMM', Buffer.concat([Buffer.from([encoding]), Buffer.from('eng', 'latin1'), description, bytes]));
}

function tableOfContents(ids: string[]): Buffer {
  // Top-level and ordered; every chapter is a child.
  const children = ids.map((id) => Buffer.from(`${id}\0`, 'latin1'));
  return frame('CTOC', Buffer.concat([Buffer.from('toc\0', 'latin1'), Buffer.from([0x03, ids.length]), ...children]));
}

function chapterFrame(id: string, chapter: Id3Chapter): Buffer {
  const times = Buffer.alloc(16);
  times.writeUInt32BE(Math.max(0, Math.round(chapter.start * 1000)), 0);
  times.writeUInt32BE(Math.max(0, Math.round(chapter.end * 1000)), 4);
  // No byte offsets: readers use the times.
  times.writeUInt32BE(0xffffffff, 8);
  times.writeUInt32BE(0xffffffff, 12);
  return frame('CHAP', Buffer.concat([Buffer.from(`${id}\0`, 'latin1'), times, textFrame('TIT2', chapter.title)]));
}

function pictureFrame(mime: string, data: Buffer): Buffer {
  // Picture type 3: the front cover; an empty description.
  return frame('APIC', Buffer.concat([Buffer.from([0]), Buffer.from(`${mime}\0`, 'latin1'), Buffer.from([3, 0]), data]));
}

function writeSynchsafe(buffer: Buffer, offset: number, value: number): void {
  for (let i = 0; i < 4; i++) buffer[offset + i] = (value >> (7 * (3 - i))) & 0x7f;
}
