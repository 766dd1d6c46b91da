ALTER TABLE `records` ADD `personal_code` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `records_public_code` ON `records` (`subject_code`) WHERE personal_code = 0;--> statement-breakpoint
-- hand-written (keep when regenerating)
-- Records of persons identified by an ID number, as their subjects say.
UPDATE `records` SET `personal_code` = 1 WHERE `subject_id` IN (SELECT `id` FROM `subjects` WHERE `code_type` = 'id');
