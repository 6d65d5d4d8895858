/**
 * The version of the extractor's rules. Stores keep it with each article's statements: an index
 * whose statements were read by another version has them read again when it is next opened for
 * writing (no re-embedding). Raise it whenever a change to the rules changes what is extracted.
 */
export const STATEMENTS_VERSION = 1;
