CREATE TABLE `study_group_tags` (
	`space_id` varchar(36) NOT NULL,
	`tag` varchar(24) NOT NULL,
	CONSTRAINT `study_group_tags_space_id_tag_pk` PRIMARY KEY(`space_id`,`tag`)
);
--> statement-breakpoint
CREATE TABLE `study_groups` (
	`space_id` varchar(36) NOT NULL,
	`description` varchar(500) NOT NULL,
	`target` varchar(80) NOT NULL,
	`capacity` int,
	`status` varchar(16) NOT NULL,
	`listed` boolean NOT NULL DEFAULT false,
	`join_mode` varchar(16) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `study_groups_space_id` PRIMARY KEY(`space_id`)
);
--> statement-breakpoint
CREATE TABLE `study_inquiries` (
	`channel_id` varchar(36) NOT NULL,
	`space_id` varchar(36) NOT NULL,
	`asker_id` varchar(36) NOT NULL,
	`organizer_id` varchar(36) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `study_inquiries_channel_id` PRIMARY KEY(`channel_id`),
	CONSTRAINT `study_inquiries_space_asker` UNIQUE(`space_id`,`asker_id`)
);
--> statement-breakpoint
CREATE TABLE `study_join_requests` (
	`space_id` varchar(36) NOT NULL,
	`user_id` varchar(36) NOT NULL,
	`message` varchar(300) NOT NULL,
	`status` varchar(16) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`decided_at` datetime(3),
	`decided_by` varchar(36),
	CONSTRAINT `study_join_requests_space_id_user_id_pk` PRIMARY KEY(`space_id`,`user_id`)
);
--> statement-breakpoint
CREATE INDEX `study_group_tags_tag` ON `study_group_tags` (`tag`);--> statement-breakpoint
CREATE INDEX `study_groups_listed` ON `study_groups` (`listed`,`created_at`);--> statement-breakpoint
CREATE INDEX `study_join_requests_pending` ON `study_join_requests` (`space_id`,`status`,`created_at`);