CREATE TABLE `print_log` (
	`id` integer PRIMARY KEY NOT NULL,
	`print_no` text NOT NULL,
	`year` integer NOT NULL,
	`seq` integer NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`target` text NOT NULL,
	`target_label` text NOT NULL,
	`masked` integer NOT NULL,
	`unmask_reason` text,
	`options` text DEFAULT '{}' NOT NULL,
	`state` text NOT NULL,
	`pages` integer,
	`bytes` integer,
	`sm3` text,
	`missing_glyphs` text,
	`error` text,
	`printed_by` text NOT NULL,
	`printed_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `print_log_print_no_unique` ON `print_log` (`print_no`);--> statement-breakpoint
CREATE UNIQUE INDEX `print_log_year_seq` ON `print_log` (`year`,`seq`);--> statement-breakpoint
CREATE INDEX `print_log_target` ON `print_log` (`target`);--> statement-breakpoint
-- hand-written (keep when regenerating): a print is logged once and completed once; nothing is deleted.
CREATE TRIGGER `print_log_no_delete` BEFORE DELETE ON `print_log` BEGIN SELECT RAISE(ABORT, 'the print log is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `print_log_complete_once` BEFORE UPDATE ON `print_log` WHEN OLD.`state` <> 'rendering' OR NEW.`state` NOT IN ('done', 'failed') OR NEW.`print_no` <> OLD.`print_no` OR NEW.`target` <> OLD.`target` OR NEW.`kind` <> OLD.`kind` OR NEW.`printed_by` <> OLD.`printed_by` OR NEW.`printed_at` <> OLD.`printed_at` OR NEW.`masked` <> OLD.`masked` BEGIN SELECT RAISE(ABORT, 'a print is completed once and never changed'); END;
