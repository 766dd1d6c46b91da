-- Hand-edited: WITHOUT ROWID (one b-tree keyed by batch and chunk number).
CREATE TABLE `batch_archive_chunks` (
	`batch_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`bytes` blob NOT NULL,
	PRIMARY KEY(`batch_id`, `seq`),
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `batch_archives` (
	`batch_id` integer PRIMARY KEY NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`xlsx_styles` integer NOT NULL,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
-- Hand-added: a stored archive belongs to an approved batch and never changes. Its
-- chunks are written first, then the batch_archives row that seals them.
CREATE TRIGGER `batch_archive_chunks_insert` BEFORE INSERT ON `batch_archive_chunks` WHEN NOT EXISTS (SELECT 1 FROM `batches` WHERE `id` = NEW.`batch_id` AND `state` = 'approved') OR EXISTS (SELECT 1 FROM `batch_archives` WHERE `batch_id` = NEW.`batch_id`) BEGIN SELECT RAISE(ABORT, 'a batch archive is stored once, for an approved batch'); END;
--> statement-breakpoint
CREATE TRIGGER `batch_archive_chunks_no_update` BEFORE UPDATE ON `batch_archive_chunks` BEGIN SELECT RAISE(ABORT, 'a stored batch archive never changes'); END;
--> statement-breakpoint
CREATE TRIGGER `batch_archive_chunks_no_delete` BEFORE DELETE ON `batch_archive_chunks` BEGIN SELECT RAISE(ABORT, 'a stored batch archive never changes'); END;
--> statement-breakpoint
CREATE TRIGGER `batch_archives_insert` BEFORE INSERT ON `batch_archives` WHEN NOT EXISTS (SELECT 1 FROM `batches` WHERE `id` = NEW.`batch_id` AND `state` = 'approved') BEGIN SELECT RAISE(ABORT, 'a batch archive is stored once, for an approved batch'); END;
--> statement-breakpoint
CREATE TRIGGER `batch_archives_no_update` BEFORE UPDATE ON `batch_archives` BEGIN SELECT RAISE(ABORT, 'a stored batch archive never changes'); END;
--> statement-breakpoint
CREATE TRIGGER `batch_archives_no_delete` BEFORE DELETE ON `batch_archives` BEGIN SELECT RAISE(ABORT, 'a stored batch archive never changes'); END;
