CREATE TABLE `blocks` (
	`blocker_id` text(36) NOT NULL,
	`blocked_id` text(36) NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`blocker_id`, `blocked_id`)
);
--> statement-breakpoint
CREATE INDEX `blocks_blocked` ON `blocks` (`blocked_id`);--> statement-breakpoint
CREATE TABLE `categories` (
	`id` text(36) PRIMARY KEY NOT NULL,
	`space_id` text(36) NOT NULL,
	`name` text(64) NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `categories_space` ON `categories` (`space_id`);--> statement-breakpoint
CREATE TABLE `channel_members` (
	`channel_id` text(36) NOT NULL,
	`user_id` text(36) NOT NULL,
	`muted` integer DEFAULT false NOT NULL,
	`joined_at` integer NOT NULL,
	PRIMARY KEY(`channel_id`, `user_id`)
);
--> statement-breakpoint
CREATE INDEX `channel_members_user` ON `channel_members` (`user_id`);--> statement-breakpoint
CREATE TABLE `friendships` (
	`user_a` text(36) NOT NULL,
	`user_b` text(36) NOT NULL,
	`status` text(16) NOT NULL,
	`requester_id` text(36) NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`user_a`, `user_b`)
);
--> statement-breakpoint
CREATE INDEX `friendships_user_b` ON `friendships` (`user_b`);--> statement-breakpoint
CREATE TABLE `space_bans` (
	`space_id` text(36) NOT NULL,
	`user_id` text(36) NOT NULL,
	`banned_by` text(36) NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`space_id`, `user_id`)
);
--> statement-breakpoint
CREATE TABLE `uploads` (
	`id` text(36) PRIMARY KEY NOT NULL,
	`owner_id` text(36) NOT NULL,
	`mime` text(64) NOT NULL,
	`bytes` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `channels` ADD `category_id` text(36);--> statement-breakpoint
ALTER TABLE `channels` ADD `is_private` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `channels` ADD `image` text(512);--> statement-breakpoint
ALTER TABLE `channels` ADD `dm_key` text(80);--> statement-breakpoint
ALTER TABLE `channels` ADD `created_by` text(36);--> statement-breakpoint
CREATE UNIQUE INDEX `channels_dm_key` ON `channels` (`dm_key`);--> statement-breakpoint
ALTER TABLE `invites` ADD `revoked_at` integer;--> statement-breakpoint
ALTER TABLE `messages` ADD `kind` text(16) DEFAULT 'user' NOT NULL;--> statement-breakpoint
ALTER TABLE `spaces` ADD `icon` text(512);--> statement-breakpoint
ALTER TABLE `users` ADD `background_image` text(512);