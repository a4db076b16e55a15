CREATE TABLE `reactions` (
	`message_id` varchar(36) NOT NULL,
	`user_id` varchar(36) NOT NULL,
	`emoji` varchar(32) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `reactions_message_id_user_id_emoji_pk` PRIMARY KEY(`message_id`,`user_id`,`emoji`)
);
--> statement-breakpoint
ALTER TABLE `messages` ADD `reply_to_id` varchar(36);--> statement-breakpoint
ALTER TABLE `messages` ADD `updated_at` datetime(3);--> statement-breakpoint
CREATE INDEX `messages_channel_updated` ON `messages` (`channel_id`,`updated_at`);