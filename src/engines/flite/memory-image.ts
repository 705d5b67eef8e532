/**
 * The memory a new flite instance starts with, worked out from the WebAssembly binary without
 * instantiating it: zeros of the declared initial size, with every active data segment copied to
 * its offset (flite's voices and tables are most of it). Kept once in shared memory, it is what
 * each worker puts its instance's memory back to before a run, so no worker holds a copy of its own.
 * Undefined for a binary this reader does not know the shape of (a start function, an imported
 * memory, offsets that are not constants); the workers then take their own copy after instantiating.
 */
export function initialMemoryImage(bytes: Uint8Array): SharedArrayBuffer | undefined {
  let at = 8; // magic and version
  let pages: number | undefined;
  const segments: Array<{ offset: number; data: Uint8Array }> = [];
  const u32 = (): number => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = bytes[at++]!;
      result += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7;
    }
  };
  const i32 = (): number => {
    let result = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = bytes[at++]!;
      result |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    return shift < 32 && byte & 0x40 ? result | (-1 << shift) : result;
  };
  /** Skips a length-prefixed run of bytes (the length is read first: `at += u32()` would lose it). */
  const skip = (): void => {
    const length = u32();
    at += length;
  };
  while (at < bytes.length) {
    const id = bytes[at++]!;
    const size = u32();
    const end = at + size;
    if (id === 8) return undefined; // a start function would change memory at instantiation
    if (id === 2) {
      // Imports: an imported memory is not this module's to describe.
      for (let count = u32(); count > 0; count--) {
        skip();
        skip();
        const kind = bytes[at++]!;
        if (kind === 2) return undefined;
        if (kind === 0) u32();
        else if (kind === 1) {
          at++;
          const flags = u32();
          u32();
          if (flags & 1) u32();
        } else if (kind === 3) at += 2;
        else return undefined;
      }
    } else if (id === 5) {
      if (u32() !== 1) return undefined;
      const flags = u32();
      pages = u32();
      if (flags & 1) u32();
    } else if (id === 11) {
      for (let count = u32(); count > 0; count--) {
        const flags = u32();
        if (flags === 1) {
          skip(); // passive: copied by the program, not at instantiation
          continue;
        }
        if (flags === 2 && u32() !== 0) return undefined;
        if (flags !== 0 && flags !== 2) return undefined;
        if (bytes[at++] !== 0x41) return undefined; // i32.const
        const offset = i32();
        if (bytes[at++] !== 0x0b) return undefined; // end
        const length = u32();
        segments.push({ offset, data: bytes.subarray(at, at + length) });
        at += length;
      }
    }
    at = end;
  }
  if (pages === undefined) return undefined;
  const image = new SharedArrayBuffer(pages * 65536);
  const view = new Uint8Array(image);
  for (const { offset, data } of segments) {
    if (offset < 0 || offset + data.length > view.length) return undefined;
    view.set(data, offset);
  }
  return image;
}
