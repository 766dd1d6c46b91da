CREATE TABLE `form_drafts` (
	`login` text NOT NULL,
	`form` text NOT NULL,
	`title` text NOT NULL,
	`data` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`login`, `form`)
);
