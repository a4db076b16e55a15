CREATE TABLE `link_previews` (
	`url_hash` varchar(64) NOT NULL,
	`url` varchar(2048) NOT NULL,
	`status` varchar(8) NOT NULL,
	`title` varchar(200),
	`description` varchar(400),
	`image_url` varchar(2048),
	`site_name` varchar(80),
	`fetched_at` datetime(3) NOT NULL,
	CONSTRAINT `link_previews_url_hash` PRIMARY KEY(`url_hash`)
);
--> statement-breakpoint
CREATE TABLE `message_link_previews` (
	`message_id` varchar(36) NOT NULL,
	`url_hash` varchar(64) NOT NULL,
	`channel_id` varchar(36) NOT NULL,
	`position` int NOT NULL,
	`removed` boolean NOT NULL DEFAULT false,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `message_link_previews_message_id_url_hash_pk` PRIMARY KEY(`message_id`,`url_hash`)
);
--> statement-breakpoint
CREATE INDEX `message_link_previews_updated` ON `message_link_previews` (`channel_id`,`updated_at`);