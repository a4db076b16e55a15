CREATE TABLE `reactions` (
	`message_id` text(36) NOT NULL,
	`user_id` text(36) NOT NULL,
	`emoji` text(32) NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`message_id`, `user_id`, `emoji`)
);
--> statement-breakpoint
ALTER TABLE `messages` ADD `reply_to_id` text(36);--> statement-breakpoint
ALTER TABLE `messages` ADD `updated_at` integer;--> statement-breakpoint
CREATE INDEX `messages_channel_updated` ON `messages` (`channel_id`,`updated_at`);