ALTER TABLE `mention_snapshots` ADD `page_png` blob;--> statement-breakpoint
ALTER TABLE `mention_snapshots` ADD `page_png_sha256` text;--> statement-breakpoint
ALTER TABLE `mention_snapshots` ADD `page_pdf` blob;--> statement-breakpoint
ALTER TABLE `mention_snapshots` ADD `page_pdf_sha256` text;--> statement-breakpoint
ALTER TABLE `mention_snapshots` ADD `page_note` text;