-- Hand-edited: WITHOUT ROWID (one b-tree keyed by batch and operation).
CREATE TABLE `released_batch_ops` (
	`batch_id` integer NOT NULL,
	`op_id` integer NOT NULL,
	`record_id` integer NOT NULL,
	`version` integer NOT NULL,
	`category` text NOT NULL,
	`op` text NOT NULL,
	PRIMARY KEY(`batch_id`, `op_id`),
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`record_id`) REFERENCES `records`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
--> statement-breakpoint
-- Hand-added: the copy is written once, when its batch is returned or cancelled, and never changes.
CREATE TRIGGER `released_batch_ops_insert` BEFORE INSERT ON `released_batch_ops` WHEN NOT EXISTS (SELECT 1 FROM `batches` WHERE `id` = NEW.`batch_id` AND `state` = 'prepared') BEGIN SELECT RAISE(ABORT, 'only a prepared batch being returned or cancelled keeps a copy of its operations'); END;
--> statement-breakpoint
CREATE TRIGGER `released_batch_ops_no_update` BEFORE UPDATE ON `released_batch_ops` BEGIN SELECT RAISE(ABORT, 'the operations of a released batch never change'); END;
--> statement-breakpoint
CREATE TRIGGER `released_batch_ops_no_delete` BEFORE DELETE ON `released_batch_ops` BEGIN SELECT RAISE(ABORT, 'the operations of a released batch never change'); END;
