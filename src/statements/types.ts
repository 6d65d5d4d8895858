/** The shapes the statement extractor reads and returns. */

/**
 * An article as the extractor reads it. Only `text` is read: statements and their offsets are in
 * it (a headline run into the text, as in the BBC corpus and the seeds, is read with it).
 */
export interface ArticleText {
  title?: string;
  text: string;
}

/** `direct`: the speaker's own words, quoted; `reported`: what they said, in the reporter's words. */
export type StatementKind = 'direct' | 'reported';

/** One thing someone said in an article. */
export interface Statement {
  /** Who said it, by the fullest name the article gives them ("Shinzo Abe", "Marks & Spencer"). */
  speaker: string;
  /** How the attribution names them here ("Abe", "the premier", "he", "the firm"). */
  speakerAsWritten: string;
  /** The roles the article gives the speaker, lower case ("chancellor", "chelsea boss"). */
  speakerRoles: string[];
  /** The words: inside the quotation marks, or the reported clause. */
  text: string;
  kind: StatementKind;
  /** The verb that attributes them ("said", "warned", "told"; "according to"). */
  cue: string;
  /** Offsets of the words in `article.text`: `text` is `article.text.slice(start, end)` less inner quote marks. */
  start: number;
  end: number;
  /** Index of the paragraph (blank-line or line separated) the words start in, from 0. */
  paragraph: number;
}
