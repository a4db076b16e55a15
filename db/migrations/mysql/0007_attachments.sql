CREATE TABLE `attachments` (
	`id` varchar(36) NOT NULL,
	`channel_id` varchar(36) NOT NULL,
	`owner_id` varchar(36) NOT NULL,
	`client_id` varchar(64),
	`position` int NOT NULL DEFAULT 0,
	`message_id` varchar(36),
	`seq` int,
	`kind` varchar(8) NOT NULL,
	`name` varchar(255) NOT NULL,
	`mime` varchar(100) NOT NULL,
	`bytes` int NOT NULL,
	`stored_bytes` int NOT NULL,
	`width` int,
	`height` int,
	`created_at` datetime(3) NOT NULL,
	`deleted_at` datetime(3),
	CONSTRAINT `attachments_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE INDEX `attachments_send` ON `attachments` (`channel_id`,`owner_id`,`client_id`);--> statement-breakpoint
CREATE INDEX `attachments_owner` ON `attachments` (`owner_id`);--> statement-breakpoint
CREATE INDEX `attachments_drawer` ON `attachments` (`channel_id`,`kind`,`seq`);--> statement-breakpoint
CREATE INDEX `attachments_created` ON `attachments` (`created_at`,`id`);