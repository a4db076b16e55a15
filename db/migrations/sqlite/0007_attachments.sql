CREATE TABLE `attachments` (
	`id` text(36) PRIMARY KEY NOT NULL,
	`channel_id` text(36) NOT NULL,
	`owner_id` text(36) NOT NULL,
	`client_id` text(64),
	`position` integer DEFAULT 0 NOT NULL,
	`message_id` text(36),
	`seq` integer,
	`kind` text(8) NOT NULL,
	`name` text(255) NOT NULL,
	`mime` text(100) NOT NULL,
	`bytes` integer NOT NULL,
	`stored_bytes` integer NOT NULL,
	`width` integer,
	`height` integer,
	`created_at` integer NOT NULL,
	`deleted_at` integer
);
--> statement-breakpoint
CREATE INDEX `attachments_send` ON `attachments` (`channel_id`,`owner_id`,`client_id`);--> statement-breakpoint
CREATE INDEX `attachments_owner` ON `attachments` (`owner_id`);--> statement-breakpoint
CREATE INDEX `attachments_drawer` ON `attachments` (`channel_id`,`kind`,`seq`);--> statement-breakpoint
CREATE INDEX `attachments_created` ON `attachments` (`created_at`,`id`);