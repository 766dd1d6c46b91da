CREATE TABLE `batches` (
	`id` integer PRIMARY KEY NOT NULL,
	`sequence` integer NOT NULL,
	`state` text NOT NULL,
	`prepared_at` text NOT NULL,
	`prepared_by` text NOT NULL,
	`counts` text NOT NULL,
	`operations` integer NOT NULL,
	`decided_at` text,
	`decided_by` text,
	`reason` text,
	`manifest` text,
	`manifest_sm3` text,
	`signature` text,
	`signing_key_id` integer,
	`receipt_at` text,
	`receipt_by` text,
	`receipt_sm3` text
);
--> statement-breakpoint
-- Hand-edited: cancelled and returned batches give their sequence number back,
-- so the batches that leave the office are numbered without gaps.
CREATE UNIQUE INDEX `batches_sequence` ON `batches` (`sequence`) WHERE `state` IN ('prepared', 'approved');--> statement-breakpoint
CREATE TABLE `receipt_results` (
	`batch_id` integer NOT NULL,
	`op_id` integer NOT NULL,
	`status` text NOT NULL,
	`code` text,
	`message` text,
	PRIMARY KEY(`batch_id`, `op_id`),
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `signing_keys` (
	`id` integer PRIMARY KEY NOT NULL,
	`login` text NOT NULL,
	`public_key` text NOT NULL,
	`fingerprint` text NOT NULL,
	`wrapped_private_key` text NOT NULL,
	`created_at` text NOT NULL,
	`retired_at` text
);
--> statement-breakpoint
CREATE INDEX `signing_keys_login` ON `signing_keys` (`login`);--> statement-breakpoint
-- Hand-added: approved batches and receipts never change.
CREATE TRIGGER `batches_frozen` BEFORE UPDATE ON `batches` WHEN OLD.`state` = 'approved' AND (NEW.`manifest` IS NOT OLD.`manifest` OR NEW.`signature` IS NOT OLD.`signature` OR NEW.`state` IS NOT OLD.`state`) BEGIN SELECT RAISE(ABORT, 'an approved batch never changes'); END;
--> statement-breakpoint
CREATE TRIGGER `receipt_results_no_update` BEFORE UPDATE ON `receipt_results` BEGIN SELECT RAISE(ABORT, 'receipt results are immutable'); END;
