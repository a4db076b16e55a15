CREATE TABLE `space_materials` (
	`space_id` text(36) NOT NULL,
	`attachment_id` text(36) NOT NULL,
	`channel_id` text(36) NOT NULL,
	`message_id` text(36) NOT NULL,
	`seq` integer NOT NULL,
	`marked_by` text(36) NOT NULL,
	`marked_at` integer NOT NULL,
	PRIMARY KEY(`space_id`, `attachment_id`)
);
--> statement-breakpoint
CREATE INDEX `space_materials_list` ON `space_materials` (`space_id`,`marked_at`,`attachment_id`);