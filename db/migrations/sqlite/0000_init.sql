CREATE TABLE `accounts` (
	`id` text(36) PRIMARY KEY NOT NULL,
	`user_id` text(36) NOT NULL,
	`provider` text(32) NOT NULL,
	`provider_account_id` text(128) NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_provider_account` ON `accounts` (`provider`,`provider_account_id`);--> statement-breakpoint
CREATE INDEX `accounts_user` ON `accounts` (`user_id`);--> statement-breakpoint
CREATE TABLE `channels` (
	`id` text(36) PRIMARY KEY NOT NULL,
	`space_id` text(36),
	`name` text(64) NOT NULL,
	`kind` text(16) NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`last_seq` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `channels_space` ON `channels` (`space_id`);--> statement-breakpoint
CREATE TABLE `invites` (
	`code` text(32) PRIMARY KEY NOT NULL,
	`space_id` text(36) NOT NULL,
	`created_by` text(36) NOT NULL,
	`expires_at` integer,
	`max_uses` integer,
	`uses` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `invites_space` ON `invites` (`space_id`);--> statement-breakpoint
CREATE TABLE `messages` (
	`id` text(36) PRIMARY KEY NOT NULL,
	`channel_id` text(36) NOT NULL,
	`seq` integer NOT NULL,
	`author_id` text(36) NOT NULL,
	`client_id` text(64) NOT NULL,
	`body` text(4000) NOT NULL,
	`created_at` integer NOT NULL,
	`edited_at` integer,
	`deleted_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `messages_channel_seq` ON `messages` (`channel_id`,`seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `messages_channel_author_client` ON `messages` (`channel_id`,`author_id`,`client_id`);--> statement-breakpoint
CREATE TABLE `space_members` (
	`space_id` text(36) NOT NULL,
	`user_id` text(36) NOT NULL,
	`role` text(16) NOT NULL,
	`joined_at` integer NOT NULL,
	PRIMARY KEY(`space_id`, `user_id`)
);
--> statement-breakpoint
CREATE INDEX `space_members_user` ON `space_members` (`user_id`);--> statement-breakpoint
CREATE TABLE `spaces` (
	`id` text(36) PRIMARY KEY NOT NULL,
	`name` text(64) NOT NULL,
	`owner_id` text(36) NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` text(36) PRIMARY KEY NOT NULL,
	`email` text(254),
	`name` text(64) NOT NULL,
	`image` text(512),
	`password_hash` text(256),
	`status_message` text(140),
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);