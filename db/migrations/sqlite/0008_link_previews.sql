CREATE TABLE `link_previews` (
	`url_hash` text(64) PRIMARY KEY NOT NULL,
	`url` text(2048) NOT NULL,
	`status` text(8) NOT NULL,
	`title` text(200),
	`description` text(400),
	`image_url` text(2048),
	`site_name` text(80),
	`fetched_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `message_link_previews` (
	`message_id` text(36) NOT NULL,
	`url_hash` text(64) NOT NULL,
	`channel_id` text(36) NOT NULL,
	`position` integer NOT NULL,
	`removed` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`message_id`, `url_hash`)
);
--> statement-breakpoint
CREATE INDEX `message_link_previews_updated` ON `message_link_previews` (`channel_id`,`updated_at`);