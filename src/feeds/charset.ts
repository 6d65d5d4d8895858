/**
 * Bytes of a feed or page to text in the charset it declares: the Content-Type header, else a
 * byte-order mark, the XML declaration or an HTML <meta charset>, else UTF-8. Node's
 * TextDecoder (full ICU) knows the legacy charsets news sites still use (windows-1252,
 * ISO-8859-x, Shift_JIS, KOI8-R…).
 */

function declared(bytes: Uint8Array, contentType: string): string | undefined {
  const header = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType);
  if (header) return header[1];
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
  const xml = /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  if (xml) return xml[1];
  const meta = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head);
  return meta?.[1];
}

/** Decode `bytes`; an unknown charset name falls back to UTF-8 (reported through `onWarning`). */
export function decodeBody(
  bytes: Uint8Array,
  contentType: string,
  onWarning?: (message: string) => void,
): string {
  const label = declared(bytes, contentType) ?? 'utf-8';
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    onWarning?.(`unknown charset "${label}", read as UTF-8`);
    return new TextDecoder('utf-8').decode(bytes);
  }
}
