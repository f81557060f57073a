-- Search over Chinese text of any length: the app writes each row's text as space-separated
-- folded tokens (CJK unigrams/bigrams, ASCII words; see services/text/search-tokens.ts).
-- rowid = pieces.id / mentions.id. Contentless: the text itself stays in its own table.
CREATE VIRTUAL TABLE `piece_search` USING fts5(`tokens`, content='', contentless_delete=1, tokenize='unicode61');
--> statement-breakpoint
CREATE VIRTUAL TABLE `mention_search` USING fts5(`tokens`, content='', contentless_delete=1, tokenize='unicode61');
