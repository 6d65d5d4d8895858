/** The database file of an index folder: what the store opens, and what marks a folder as an index. */
export const DATABASE_FILE = 'semsearch.db';
