CREATE TABLE `blocks` (
	`blocker_id` varchar(36) NOT NULL,
	`blocked_id` varchar(36) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `blocks_blocker_id_blocked_id_pk` PRIMARY KEY(`blocker_id`,`blocked_id`)
);
--> statement-breakpoint
CREATE TABLE `categories` (
	`id` varchar(36) NOT NULL,
	`space_id` varchar(36) NOT NULL,
	`name` varchar(64) NOT NULL,
	`position` int NOT NULL DEFAULT 0,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `categories_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `channel_members` (
	`channel_id` varchar(36) NOT NULL,
	`user_id` varchar(36) NOT NULL,
	`muted` boolean NOT NULL DEFAULT false,
	`joined_at` datetime(3) NOT NULL,
	CONSTRAINT `channel_members_channel_id_user_id_pk` PRIMARY KEY(`channel_id`,`user_id`)
);
--> statement-breakpoint
CREATE TABLE `friendships` (
	`user_a` varchar(36) NOT NULL,
	`user_b` varchar(36) NOT NULL,
	`status` varchar(16) NOT NULL,
	`requester_id` varchar(36) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `friendships_user_a_user_b_pk` PRIMARY KEY(`user_a`,`user_b`)
);
--> statement-breakpoint
CREATE TABLE `space_bans` (
	`space_id` varchar(36) NOT NULL,
	`user_id` varchar(36) NOT NULL,
	`banned_by` varchar(36) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `space_bans_space_id_user_id_pk` PRIMARY KEY(`space_id`,`user_id`)
);
--> statement-breakpoint
CREATE TABLE `uploads` (
	`id` varchar(36) NOT NULL,
	`owner_id` varchar(36) NOT NULL,
	`mime` varchar(64) NOT NULL,
	`bytes` int NOT NULL,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `uploads_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
ALTER TABLE `channels` ADD `category_id` varchar(36);--> statement-breakpoint
ALTER TABLE `channels` ADD `is_private` boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `channels` ADD `image` varchar(512);--> statement-breakpoint
ALTER TABLE `channels` ADD `dm_key` varchar(80);--> statement-breakpoint
ALTER TABLE `channels` ADD `created_by` varchar(36);--> statement-breakpoint
ALTER TABLE `invites` ADD `revoked_at` datetime(3);--> statement-breakpoint
ALTER TABLE `messages` ADD `kind` varchar(16) DEFAULT 'user' NOT NULL;--> statement-breakpoint
ALTER TABLE `spaces` ADD `icon` varchar(512);--> statement-breakpoint
ALTER TABLE `users` ADD `background_image` varchar(512);--> statement-breakpoint
ALTER TABLE `channels` ADD CONSTRAINT `channels_dm_key` UNIQUE(`dm_key`);--> statement-breakpoint
CREATE INDEX `blocks_blocked` ON `blocks` (`blocked_id`);--> statement-breakpoint
CREATE INDEX `categories_space` ON `categories` (`space_id`);--> statement-breakpoint
CREATE INDEX `channel_members_user` ON `channel_members` (`user_id`);--> statement-breakpoint
CREATE INDEX `friendships_user_b` ON `friendships` (`user_b`);