CREATE TABLE `letters` (
	`id` integer PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`case_id` integer,
	`record_id` integer,
	`year` integer NOT NULL,
	`seq` integer NOT NULL,
	`doc_no` text NOT NULL,
	`issued_on` text NOT NULL,
	`issued_at` text NOT NULL,
	`issued_by` text NOT NULL,
	`detail` text DEFAULT '{}' NOT NULL,
	`served_method` text,
	`served_on` text,
	`served_to` text,
	`served_note` text,
	`served_by` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`record_id`) REFERENCES `records`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `letters_kind_year_seq` ON `letters` (`kind`,`year`,`seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `letters_doc_no` ON `letters` (`doc_no`);--> statement-breakpoint
CREATE INDEX `letters_case` ON `letters` (`case_id`);--> statement-breakpoint
CREATE INDEX `letters_record` ON `letters` (`record_id`);--> statement-breakpoint
ALTER TABLE `cases` ADD `basis_version` text;--> statement-breakpoint
ALTER TABLE `department` ADD `short_name` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `department` ADD `reconsideration_body` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `department` ADD `court` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `department` ADD `doc_no_patterns` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
-- hand-written (letters)
CREATE TRIGGER `letters_no_delete` BEFORE DELETE ON `letters` BEGIN SELECT RAISE(ABORT, 'issued letters are never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `letters_keep_number` BEFORE UPDATE ON `letters` WHEN NEW.`doc_no` <> OLD.`doc_no` OR NEW.`kind` <> OLD.`kind` OR NEW.`year` <> OLD.`year` OR NEW.`seq` <> OLD.`seq` OR NEW.`issued_on` <> OLD.`issued_on` OR NEW.`issued_by` <> OLD.`issued_by` OR NEW.`detail` <> OLD.`detail` OR NEW.`case_id` IS NOT OLD.`case_id` OR NEW.`record_id` IS NOT OLD.`record_id` OR (OLD.`served_method` IS NOT NULL) BEGIN SELECT RAISE(ABORT, 'a letter keeps its number and content; its service is recorded once'); END;
