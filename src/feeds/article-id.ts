/**
 * The id of an article that came from the web: its collection, then its link's path without
 * the page extension (`127.0.0.1/news/ferry-strike` for
 * `http://127.0.0.1:8765/news/ferry-strike.html` in the collection `127.0.0.1`), as files get
 * `collection/relative-path-without-extension`. The host is named when it is not the
 * collection's name (several sites in one collection); a query, a fragment or a character
 * outside the id's plain set adds a short hash of the whole link, so that two links never
 * share an id.
 */
import { createHash } from 'node:crypto';

/** Extensions of web pages that say nothing about the article. */
const PAGE_EXTENSION = /\.(?:s?html?|xhtml|php\d?|aspx?|jspx?|cfm)$/i;
/** What stays as it is in an id part; anything else becomes "-". */
const UNSAFE = /[^\p{L}\p{N}._~-]+/gu;
/** Longest readable part kept of a link (the hash keeps longer ones apart). */
const PATH_MAX_CHARS = 200;

const hashOf = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 8);

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a stray "%" stays as typed
  }
}

/** The path's segments as typed (decoded), and as they go into an id. */
function segmentsOf(path: string): { typed: string[]; clean: string[] } {
  const typed = path
    .split('/')
    .filter((s) => s !== '')
    .map(decoded);
  const clean = typed
    .map((s) => s.replace(UNSAFE, '-').replace(/^-+|-+$/g, ''))
    .filter((s) => s !== '' && s !== '.' && s !== '..');
  return { typed, clean };
}

/** `collection/[host/]path-without-extension[-hash]` for a link or a GUID. */
export function webArticleId(collection: string, link: string): string {
  let url: URL | undefined;
  try {
    url = /^https?:\/\//i.test(link) ? new URL(link) : undefined;
  } catch {
    url = undefined;
  }
  if (!url) {
    // A GUID that is no web address ("tag:…", "urn:uuid:…"): its plain parts and a hash.
    const plain = segmentsOf(link.replace(/[:/]+/g, '/')).clean.join('-').slice(0, PATH_MAX_CHARS);
    return `${collection}/${plain ? `${plain}-` : ''}${hashOf(link)}`;
  }
  const path = url.pathname.replace(PAGE_EXTENSION, '');
  const { typed, clean: segments } = segmentsOf(path);
  const host = url.hostname.toLowerCase();
  const parts = host === collection.toLowerCase() ? segments : [host, ...segments];
  const query = url.search
    .slice(1)
    .replace(UNSAFE, '-')
    .replace(/^-+|-+$/g, '');
  const readable = [parts.join('/'), query]
    .filter(Boolean)
    .join('-')
    .slice(0, PATH_MAX_CHARS)
    .replace(/[-/.]+$/, '');
  // The link is the id's words exactly: nothing cut, decoded, replaced or left out.
  const exact =
    !url.search &&
    !url.hash &&
    segments.length > 0 &&
    segments.join('/') === typed.join('/') &&
    readable === parts.join('/');
  if (exact) return `${collection}/${readable}`;
  return `${collection}/${readable ? `${readable}-` : ''}${hashOf(link)}`;
}
