CREATE TABLE `check_feedback` (
	`id` integer PRIMARY KEY NOT NULL,
	`check_id` integer NOT NULL,
	`measure` text NOT NULL,
	`note` text NOT NULL,
	`at` text NOT NULL,
	`by` text NOT NULL,
	FOREIGN KEY (`check_id`) REFERENCES `credit_checks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `check_feedback_check` ON `check_feedback` (`check_id`);--> statement-breakpoint
CREATE TABLE `check_runs` (
	`id` integer PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`by` text NOT NULL,
	`matter` text NOT NULL,
	`file_name` text NOT NULL,
	`total` integer NOT NULL,
	`with_hits` integer NOT NULL,
	`skipped` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `credit_checks` (
	`id` integer PRIMARY KEY NOT NULL,
	`check_no` text NOT NULL,
	`at` text NOT NULL,
	`by` text NOT NULL,
	`matter` text NOT NULL,
	`query` text NOT NULL,
	`subject_name` text,
	`subject_code` text,
	`subject_kind` text NOT NULL,
	`clean` integer NOT NULL,
	`hit_count` integer NOT NULL,
	`hits` text NOT NULL,
	`versions` text NOT NULL,
	`run_id` integer,
	`run_row` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `credit_checks_check_no_unique` ON `credit_checks` (`check_no`);--> statement-breakpoint
CREATE INDEX `credit_checks_at` ON `credit_checks` (`at`);--> statement-breakpoint
CREATE INDEX `credit_checks_code` ON `credit_checks` (`subject_code`);--> statement-breakpoint
CREATE INDEX `credit_checks_run` ON `credit_checks` (`run_id`);--> statement-breakpoint
CREATE TABLE `feedback_ops` (
	`id` integer PRIMARY KEY NOT NULL,
	`feedback_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`batch_id` integer,
	FOREIGN KEY (`feedback_id`) REFERENCES `check_feedback`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `feedback_ops_batch` ON `feedback_ops` (`batch_id`);--> statement-breakpoint
CREATE TABLE `feedback_receipts` (
	`batch_id` integer NOT NULL,
	`op_id` integer NOT NULL,
	`status` text NOT NULL,
	`code` text,
	`message` text,
	PRIMARY KEY(`batch_id`, `op_id`),
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`op_id`) REFERENCES `feedback_ops`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `list_keys` (
	`id` integer PRIMARY KEY NOT NULL,
	`public_key` text NOT NULL,
	`fingerprint` text NOT NULL,
	`label` text NOT NULL,
	`pinned_at` text NOT NULL,
	`pinned_by` text NOT NULL,
	`unpinned_at` text,
	`unpinned_by` text,
	`unpin_reason` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `list_keys_public_key_unique` ON `list_keys` (`public_key`);--> statement-breakpoint
CREATE TABLE `shared_list_entries` (
	`id` integer PRIMARY KEY NOT NULL,
	`version_id` integer NOT NULL,
	`line` integer NOT NULL,
	`code` text NOT NULL,
	`name_key` text NOT NULL,
	`entry` text NOT NULL,
	FOREIGN KEY (`version_id`) REFERENCES `shared_list_versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `shared_list_entries_code` ON `shared_list_entries` (`code`,`version_id`) WHERE code <> '';--> statement-breakpoint
CREATE INDEX `shared_list_entries_name` ON `shared_list_entries` (`name_key`,`version_id`);--> statement-breakpoint
CREATE TABLE `shared_list_versions` (
	`id` integer PRIMARY KEY NOT NULL,
	`list_ref` integer NOT NULL,
	`version` integer NOT NULL,
	`issued_on` text NOT NULL,
	`entry_count` integer NOT NULL,
	`codeless_count` integer DEFAULT 0 NOT NULL,
	`manifest` text NOT NULL,
	`manifest_sm3` text NOT NULL,
	`signature` text NOT NULL,
	`key_id` integer NOT NULL,
	`file_name` text NOT NULL,
	`imported_at` text NOT NULL,
	`imported_by` text NOT NULL,
	FOREIGN KEY (`list_ref`) REFERENCES `shared_lists`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`key_id`) REFERENCES `list_keys`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `shared_list_versions_version` ON `shared_list_versions` (`list_ref`,`version`);--> statement-breakpoint
CREATE TABLE `shared_lists` (
	`id` integer PRIMARY KEY NOT NULL,
	`list_id` text NOT NULL,
	`name` text NOT NULL,
	`issuer` text NOT NULL,
	`list_type` text NOT NULL,
	`current_version_id` integer,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `shared_lists_list_id_unique` ON `shared_lists` (`list_id`);--> statement-breakpoint
-- hand-written (keep when regenerating)
-- The check log, list versions and their entries, and sanction feedback are evidence: never changed or deleted.
CREATE TRIGGER `shared_list_versions_no_update` BEFORE UPDATE ON `shared_list_versions` BEGIN SELECT RAISE(ABORT, 'an imported list version never changes'); END;
--> statement-breakpoint
CREATE TRIGGER `shared_list_versions_no_delete` BEFORE DELETE ON `shared_list_versions` BEGIN SELECT RAISE(ABORT, 'an imported list version never changes'); END;
--> statement-breakpoint
CREATE TRIGGER `shared_list_entries_no_update` BEFORE UPDATE ON `shared_list_entries` BEGIN SELECT RAISE(ABORT, 'list entries never change'); END;
--> statement-breakpoint
CREATE TRIGGER `shared_list_entries_no_delete` BEFORE DELETE ON `shared_list_entries` BEGIN SELECT RAISE(ABORT, 'list entries never change'); END;
--> statement-breakpoint
CREATE TRIGGER `shared_lists_no_delete` BEFORE DELETE ON `shared_lists` BEGIN SELECT RAISE(ABORT, 'shared lists are never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `list_keys_no_delete` BEFORE DELETE ON `list_keys` BEGIN SELECT RAISE(ABORT, 'pinned keys are never deleted'); END;
--> statement-breakpoint
-- A pinned key changes once, when it is unpinned; nothing else about it changes.
CREATE TRIGGER `list_keys_update` BEFORE UPDATE ON `list_keys` WHEN OLD.`unpinned_at` IS NOT NULL OR NEW.`public_key` IS NOT OLD.`public_key` OR NEW.`fingerprint` IS NOT OLD.`fingerprint` OR NEW.`label` IS NOT OLD.`label` OR NEW.`pinned_at` IS NOT OLD.`pinned_at` OR NEW.`pinned_by` IS NOT OLD.`pinned_by` BEGIN SELECT RAISE(ABORT, 'a pinned key is only ever unpinned, once'); END;
--> statement-breakpoint
CREATE TRIGGER `credit_checks_no_update` BEFORE UPDATE ON `credit_checks` BEGIN SELECT RAISE(ABORT, 'the check log never changes'); END;
--> statement-breakpoint
CREATE TRIGGER `credit_checks_no_delete` BEFORE DELETE ON `credit_checks` BEGIN SELECT RAISE(ABORT, 'the check log never changes'); END;
--> statement-breakpoint
CREATE TRIGGER `check_runs_no_update` BEFORE UPDATE ON `check_runs` BEGIN SELECT RAISE(ABORT, 'the check log never changes'); END;
--> statement-breakpoint
CREATE TRIGGER `check_runs_no_delete` BEFORE DELETE ON `check_runs` BEGIN SELECT RAISE(ABORT, 'the check log never changes'); END;
--> statement-breakpoint
CREATE TRIGGER `check_feedback_no_update` BEFORE UPDATE ON `check_feedback` BEGIN SELECT RAISE(ABORT, 'recorded feedback never changes'); END;
--> statement-breakpoint
CREATE TRIGGER `check_feedback_no_delete` BEFORE DELETE ON `check_feedback` BEGIN SELECT RAISE(ABORT, 'recorded feedback never changes'); END;
--> statement-breakpoint
-- A feedback operation is frozen into a batch once (prepare); after that it belongs to that batch for good.
CREATE TRIGGER `feedback_ops_update` BEFORE UPDATE ON `feedback_ops` WHEN OLD.`batch_id` IS NOT NULL OR NEW.`id` IS NOT OLD.`id` OR NEW.`feedback_id` IS NOT OLD.`feedback_id` OR NEW.`created_at` IS NOT OLD.`created_at` BEGIN SELECT RAISE(ABORT, 'a feedback operation is frozen into a batch once and never changes after'); END;
--> statement-breakpoint
CREATE TRIGGER `feedback_ops_no_delete` BEFORE DELETE ON `feedback_ops` BEGIN SELECT RAISE(ABORT, 'feedback operations are never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `feedback_receipts_no_update` BEFORE UPDATE ON `feedback_receipts` BEGIN SELECT RAISE(ABORT, 'receipt results never change'); END;
--> statement-breakpoint
CREATE TRIGGER `feedback_receipts_no_delete` BEFORE DELETE ON `feedback_receipts` BEGIN SELECT RAISE(ABORT, 'receipt results never change'); END;
