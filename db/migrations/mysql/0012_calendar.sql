CREATE TABLE `calendar_events` (
	`id` varchar(36) NOT NULL,
	`space_id` varchar(36) NOT NULL,
	`creator_id` varchar(36) NOT NULL,
	`kind` varchar(8) NOT NULL,
	`title` varchar(200) NOT NULL,
	`description` varchar(2000) NOT NULL,
	`location` varchar(200) NOT NULL,
	`video_channel_id` varchar(36),
	`all_day` boolean NOT NULL DEFAULT false,
	`start_at` datetime(3) NOT NULL,
	`end_at` datetime(3) NOT NULL,
	`time_zone` varchar(64) NOT NULL,
	`rrule` varchar(200),
	`last_end_at` datetime(3),
	`reminder_minutes` int,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `calendar_events_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `calendar_exceptions` (
	`event_id` varchar(36) NOT NULL,
	`occurrence_at` datetime(3) NOT NULL,
	`cancelled` boolean NOT NULL DEFAULT false,
	`start_at` datetime(3),
	`end_at` datetime(3),
	`title` varchar(200),
	`description` varchar(2000),
	`location` varchar(200),
	CONSTRAINT `calendar_exceptions_event_id_occurrence_at_pk` PRIMARY KEY(`event_id`,`occurrence_at`)
);
--> statement-breakpoint
CREATE TABLE `calendar_feeds` (
	`user_id` varchar(36) NOT NULL,
	`token_hash` varchar(64) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `calendar_feeds_user_id` PRIMARY KEY(`user_id`),
	CONSTRAINT `calendar_feeds_token` UNIQUE(`token_hash`)
);
--> statement-breakpoint
CREATE TABLE `calendar_reminders_sent` (
	`event_id` varchar(36) NOT NULL,
	`occurrence_at` datetime(3) NOT NULL,
	`sent_at` datetime(3) NOT NULL,
	CONSTRAINT `calendar_reminders_sent_event_id_occurrence_at_pk` PRIMARY KEY(`event_id`,`occurrence_at`)
);
--> statement-breakpoint
CREATE TABLE `calendar_rsvps` (
	`event_id` varchar(36) NOT NULL,
	`occurrence_at` datetime(3) NOT NULL,
	`user_id` varchar(36) NOT NULL,
	`answer` varchar(8) NOT NULL,
	`answered_at` datetime(3) NOT NULL,
	CONSTRAINT `calendar_rsvps_event_id_occurrence_at_user_id_pk` PRIMARY KEY(`event_id`,`occurrence_at`,`user_id`)
);
--> statement-breakpoint
CREATE INDEX `calendar_events_space` ON `calendar_events` (`space_id`,`start_at`);--> statement-breakpoint
CREATE INDEX `calendar_events_reminders` ON `calendar_events` (`reminder_minutes`,`last_end_at`);