CREATE TABLE `channel_reads` (
	`channel_id` text(36) NOT NULL,
	`user_id` text(36) NOT NULL,
	`last_read_seq` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`channel_id`, `user_id`)
);
--> statement-breakpoint
CREATE INDEX `channel_reads_user` ON `channel_reads` (`user_id`);