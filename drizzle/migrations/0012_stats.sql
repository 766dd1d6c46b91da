CREATE TABLE `decision_date_changes` (
	`id` integer PRIMARY KEY NOT NULL,
	`record_id` integer NOT NULL,
	`at` text NOT NULL,
	`before` text,
	`after` text,
	FOREIGN KEY (`record_id`) REFERENCES `records`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `decision_date_changes_record` ON `decision_date_changes` (`record_id`,`at`);--> statement-breakpoint
CREATE INDEX `decision_date_changes_at` ON `decision_date_changes` (`at`);--> statement-breakpoint
-- hand-written (stats)
-- A record's decision date as it was at any moment: every change is kept, so a past month's report keeps its figures.
CREATE TRIGGER `records_decision_date_change` AFTER UPDATE OF `decision_date` ON `records` WHEN OLD.`decision_date` IS NOT NEW.`decision_date` BEGIN INSERT INTO `decision_date_changes` (`record_id`, `at`, `before`, `after`) VALUES (OLD.`id`, NEW.`updated_at`, OLD.`decision_date`, NEW.`decision_date`); END;
--> statement-breakpoint
CREATE TRIGGER `decision_date_changes_no_update` BEFORE UPDATE ON `decision_date_changes` BEGIN SELECT RAISE(ABORT, 'decision date changes never change'); END;
--> statement-breakpoint
CREATE TRIGGER `decision_date_changes_no_delete` BEFORE DELETE ON `decision_date_changes` BEGIN SELECT RAISE(ABORT, 'decision date changes never change'); END;
