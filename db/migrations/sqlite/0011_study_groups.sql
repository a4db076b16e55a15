CREATE TABLE `study_group_tags` (
	`space_id` text(36) NOT NULL,
	`tag` text(24) NOT NULL,
	PRIMARY KEY(`space_id`, `tag`)
);
--> statement-breakpoint
CREATE INDEX `study_group_tags_tag` ON `study_group_tags` (`tag`);--> statement-breakpoint
CREATE TABLE `study_groups` (
	`space_id` text(36) PRIMARY KEY NOT NULL,
	`description` text(500) NOT NULL,
	`target` text(80) NOT NULL,
	`capacity` integer,
	`status` text(16) NOT NULL,
	`listed` integer DEFAULT false NOT NULL,
	`join_mode` text(16) NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `study_groups_listed` ON `study_groups` (`listed`,`created_at`);--> statement-breakpoint
CREATE TABLE `study_inquiries` (
	`channel_id` text(36) PRIMARY KEY NOT NULL,
	`space_id` text(36) NOT NULL,
	`asker_id` text(36) NOT NULL,
	`organizer_id` text(36) NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `study_inquiries_space_asker` ON `study_inquiries` (`space_id`,`asker_id`);--> statement-breakpoint
CREATE TABLE `study_join_requests` (
	`space_id` text(36) NOT NULL,
	`user_id` text(36) NOT NULL,
	`message` text(300) NOT NULL,
	`status` text(16) NOT NULL,
	`created_at` integer NOT NULL,
	`decided_at` integer,
	`decided_by` text(36),
	PRIMARY KEY(`space_id`, `user_id`)
);
--> statement-breakpoint
CREATE INDEX `study_join_requests_pending` ON `study_join_requests` (`space_id`,`status`,`created_at`);