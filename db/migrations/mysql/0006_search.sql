CREATE INDEX `messages_channel_created` ON `messages` (`channel_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `messages_created` ON `messages` (`created_at`);