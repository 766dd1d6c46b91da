CREATE TABLE `subject_former_names` (
	`id` integer PRIMARY KEY NOT NULL,
	`subject_id` integer NOT NULL,
	`name` text NOT NULL,
	`until` text NOT NULL,
	`changed_by` text NOT NULL,
	FOREIGN KEY (`subject_id`) REFERENCES `subjects`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `subject_former_names_subject` ON `subject_former_names` (`subject_id`);--> statement-breakpoint
ALTER TABLE `records` ADD `override_request` text;--> statement-breakpoint
CREATE INDEX `records_category_decision_date` ON `records` (`category`,`decision_date`);--> statement-breakpoint
CREATE INDEX `records_override_request` ON `records` (`id`) WHERE override_request IS NOT NULL;--> statement-breakpoint
-- hand-written (keep when regenerating)
-- A former name is history: written once when a renaming is confirmed, never changed.
CREATE TRIGGER `subject_former_names_no_update` BEFORE UPDATE ON `subject_former_names` BEGIN SELECT RAISE(ABORT, 'former names never change'); END;
--> statement-breakpoint
CREATE TRIGGER `subject_former_names_no_delete` BEFORE DELETE ON `subject_former_names` BEGIN SELECT RAISE(ABORT, 'former names never change'); END;
