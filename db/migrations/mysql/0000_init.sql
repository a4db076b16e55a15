CREATE TABLE `accounts` (
	`id` varchar(36) NOT NULL,
	`user_id` varchar(36) NOT NULL,
	`provider` varchar(32) NOT NULL,
	`provider_account_id` varchar(128) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `accounts_id` PRIMARY KEY(`id`),
	CONSTRAINT `accounts_provider_account` UNIQUE(`provider`,`provider_account_id`)
);
--> statement-breakpoint
CREATE TABLE `channels` (
	`id` varchar(36) NOT NULL,
	`space_id` varchar(36),
	`name` varchar(64) NOT NULL,
	`kind` varchar(16) NOT NULL,
	`position` int NOT NULL DEFAULT 0,
	`last_seq` int NOT NULL DEFAULT 0,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `channels_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `invites` (
	`code` varchar(32) NOT NULL,
	`space_id` varchar(36) NOT NULL,
	`created_by` varchar(36) NOT NULL,
	`expires_at` datetime(3),
	`max_uses` int,
	`uses` int NOT NULL DEFAULT 0,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `invites_code` PRIMARY KEY(`code`)
);
--> statement-breakpoint
CREATE TABLE `messages` (
	`id` varchar(36) NOT NULL,
	`channel_id` varchar(36) NOT NULL,
	`seq` int NOT NULL,
	`author_id` varchar(36) NOT NULL,
	`client_id` varchar(64) NOT NULL,
	`body` varchar(4000) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`edited_at` datetime(3),
	`deleted_at` datetime(3),
	CONSTRAINT `messages_id` PRIMARY KEY(`id`),
	CONSTRAINT `messages_channel_seq` UNIQUE(`channel_id`,`seq`),
	CONSTRAINT `messages_channel_author_client` UNIQUE(`channel_id`,`author_id`,`client_id`)
);
--> statement-breakpoint
CREATE TABLE `space_members` (
	`space_id` varchar(36) NOT NULL,
	`user_id` varchar(36) NOT NULL,
	`role` varchar(16) NOT NULL,
	`joined_at` datetime(3) NOT NULL,
	CONSTRAINT `space_members_space_id_user_id_pk` PRIMARY KEY(`space_id`,`user_id`)
);
--> statement-breakpoint
CREATE TABLE `spaces` (
	`id` varchar(36) NOT NULL,
	`name` varchar(64) NOT NULL,
	`owner_id` varchar(36) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `spaces_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` varchar(36) NOT NULL,
	`email` varchar(254),
	`name` varchar(64) NOT NULL,
	`image` varchar(512),
	`password_hash` varchar(256),
	`status_message` varchar(140),
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `users_id` PRIMARY KEY(`id`),
	CONSTRAINT `users_email_unique` UNIQUE(`email`)
);
--> statement-breakpoint
CREATE INDEX `accounts_user` ON `accounts` (`user_id`);--> statement-breakpoint
CREATE INDEX `channels_space` ON `channels` (`space_id`);--> statement-breakpoint
CREATE INDEX `invites_space` ON `invites` (`space_id`);--> statement-breakpoint
CREATE INDEX `space_members_user` ON `space_members` (`user_id`);