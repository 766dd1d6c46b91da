CREATE TABLE `record_versions` (
	`record_id` integer NOT NULL,
	`version` integer NOT NULL,
	`fields` text NOT NULL,
	`diff` text NOT NULL,
	`state` text NOT NULL,
	`action` text NOT NULL,
	`reason` text,
	`override` text,
	`at` text NOT NULL,
	`by` text NOT NULL,
	PRIMARY KEY(`record_id`, `version`),
	FOREIGN KEY (`record_id`) REFERENCES `records`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `records` (
	`id` integer PRIMARY KEY NOT NULL,
	`category` text NOT NULL,
	`subject_id` integer NOT NULL,
	`subject_name` text NOT NULL,
	`subject_code` text,
	`decision_no` text NOT NULL,
	`decision_key` text NOT NULL,
	`decision_date` text,
	`state` text NOT NULL,
	`version` integer NOT NULL,
	`publication` text,
	`publication_ends` text,
	`open_marks` integer DEFAULT 0 NOT NULL,
	`rejection` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	FOREIGN KEY (`subject_id`) REFERENCES `subjects`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `records_key` ON `records` (`subject_id`,`category`,`decision_key`);--> statement-breakpoint
CREATE INDEX `records_subject_code` ON `records` (`subject_code`);--> statement-breakpoint
CREATE INDEX `records_decision_key` ON `records` (`decision_key`);--> statement-breakpoint
CREATE INDEX `records_category_state` ON `records` (`category`,`state`);--> statement-breakpoint
CREATE TABLE `report_ops` (
	`id` integer PRIMARY KEY NOT NULL,
	`record_id` integer NOT NULL,
	`version` integer NOT NULL,
	`category` text NOT NULL,
	`op` text NOT NULL,
	`created_at` text NOT NULL,
	`batch_id` integer,
	FOREIGN KEY (`record_id`) REFERENCES `records`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `report_ops_batch` ON `report_ops` (`batch_id`,`category`);--> statement-breakpoint
CREATE INDEX `report_ops_record` ON `report_ops` (`record_id`);--> statement-breakpoint
CREATE TABLE `rule_tables` (
	`kind` text NOT NULL,
	`version` text NOT NULL,
	`effective_from` text NOT NULL,
	`body` text NOT NULL,
	`installed_at` text NOT NULL,
	`installed_by` text,
	PRIMARY KEY(`kind`, `version`)
);
--> statement-breakpoint
CREATE TABLE `subject_name_conflicts` (
	`id` integer PRIMARY KEY NOT NULL,
	`subject_id` integer NOT NULL,
	`record_id` integer NOT NULL,
	`name` text NOT NULL,
	`detected_at` text NOT NULL,
	`resolved_at` text,
	`resolved_by` text,
	`resolution` text,
	FOREIGN KEY (`subject_id`) REFERENCES `subjects`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `subject_name_conflicts_subject` ON `subject_name_conflicts` (`subject_id`);--> statement-breakpoint
CREATE TABLE `subjects` (
	`id` integer PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`code_type` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `subjects_code` ON `subjects` (`code_type`,`code`);--> statement-breakpoint
-- Hand-added: name search. Subject names are indexed as overlapping character
-- bigrams ("石家 家庄 庄市") because FTS5's trigram tokenizer finds nothing for
-- 2-character queries and unicode61 treats a run of Chinese as one token.
CREATE VIRTUAL TABLE `record_search` USING fts5(`grams`, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0');
--> statement-breakpoint
CREATE VIRTUAL TABLE `subject_search` USING fts5(`grams`, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0');
--> statement-breakpoint
-- Hand-added: nothing is ever deleted; versions are never rewritten.
CREATE TRIGGER `record_versions_no_update` BEFORE UPDATE ON `record_versions` BEGIN SELECT RAISE(ABORT, 'record versions are immutable'); END;
--> statement-breakpoint
CREATE TRIGGER `record_versions_no_delete` BEFORE DELETE ON `record_versions` BEGIN SELECT RAISE(ABORT, 'record versions are immutable'); END;
--> statement-breakpoint
CREATE TRIGGER `records_no_delete` BEFORE DELETE ON `records` BEGIN SELECT RAISE(ABORT, 'records are never deleted; withdraw them'); END;
