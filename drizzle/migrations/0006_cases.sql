CREATE TABLE `case_attachments` (
	`id` integer PRIMARY KEY NOT NULL,
	`case_id` integer NOT NULL,
	`item` text,
	`file_name` text NOT NULL,
	`content_type` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`content` blob NOT NULL,
	`added_at` text NOT NULL,
	`added_by` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_attachments_case` ON `case_attachments` (`case_id`);--> statement-breakpoint
CREATE TABLE `case_records` (
	`case_id` integer NOT NULL,
	`record_id` integer NOT NULL,
	`version_at_registration` integer NOT NULL,
	PRIMARY KEY(`case_id`, `record_id`),
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`record_id`) REFERENCES `records`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_records_record` ON `case_records` (`record_id`);--> statement-breakpoint
CREATE TABLE `case_steps` (
	`id` integer PRIMARY KEY NOT NULL,
	`case_id` integer NOT NULL,
	`at` text NOT NULL,
	`by` text NOT NULL,
	`action` text NOT NULL,
	`from_state` text,
	`to_state` text NOT NULL,
	`reason` text,
	`detail` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_steps_case` ON `case_steps` (`case_id`);--> statement-breakpoint
CREATE TABLE `cases` (
	`id` integer PRIMARY KEY NOT NULL,
	`case_no` text NOT NULL,
	`kind` text NOT NULL,
	`state` text NOT NULL,
	`channel` text NOT NULL,
	`platform_ref` text,
	`applicant_name` text NOT NULL,
	`applicant_code` text,
	`applicant_contact` text,
	`received` text NOT NULL,
	`grounds` text NOT NULL,
	`rule_version` text NOT NULL,
	`repair_class` text,
	`materials` text,
	`clock` text NOT NULL,
	`due` text,
	`due_calendar` text,
	`accepted_on` text,
	`proposal` text,
	`outcome` text,
	`outcome_reason` text,
	`refusal_reason` text,
	`decided_on` text,
	`decided_by` text,
	`answered_on` text,
	`answer_method` text,
	`registered_at` text NOT NULL,
	`registered_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cases_case_no` ON `cases` (`case_no`);--> statement-breakpoint
CREATE INDEX `cases_kind_state` ON `cases` (`kind`,`state`);--> statement-breakpoint
CREATE INDEX `cases_due` ON `cases` (`due`);
--> statement-breakpoint
-- hand-written (keep when regenerating)
-- A case's steps and files are its history: written once, never changed or deleted.
CREATE TRIGGER `case_steps_no_update` BEFORE UPDATE ON `case_steps` BEGIN SELECT RAISE(ABORT, 'case steps are never changed'); END;
--> statement-breakpoint
CREATE TRIGGER `case_steps_no_delete` BEFORE DELETE ON `case_steps` BEGIN SELECT RAISE(ABORT, 'case steps are never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `case_attachments_no_update` BEFORE UPDATE ON `case_attachments` BEGIN SELECT RAISE(ABORT, 'case attachments are never changed'); END;
--> statement-breakpoint
CREATE TRIGGER `case_attachments_no_delete` BEFORE DELETE ON `case_attachments` BEGIN SELECT RAISE(ABORT, 'case attachments are never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `case_records_no_update` BEFORE UPDATE ON `case_records` BEGIN SELECT RAISE(ABORT, 'the records of a case are never changed'); END;
--> statement-breakpoint
CREATE TRIGGER `case_records_no_delete` BEFORE DELETE ON `case_records` BEGIN SELECT RAISE(ABORT, 'the records of a case are never changed'); END;
--> statement-breakpoint
CREATE TRIGGER `cases_no_delete` BEFORE DELETE ON `cases` BEGIN SELECT RAISE(ABORT, 'cases are never deleted'); END;
