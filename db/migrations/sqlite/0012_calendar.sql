CREATE TABLE `calendar_events` (
	`id` text(36) PRIMARY KEY NOT NULL,
	`space_id` text(36) NOT NULL,
	`creator_id` text(36) NOT NULL,
	`kind` text(8) NOT NULL,
	`title` text(200) NOT NULL,
	`description` text(2000) NOT NULL,
	`location` text(200) NOT NULL,
	`video_channel_id` text(36),
	`all_day` integer DEFAULT false NOT NULL,
	`start_at` integer NOT NULL,
	`end_at` integer NOT NULL,
	`time_zone` text(64) NOT NULL,
	`rrule` text(200),
	`last_end_at` integer,
	`reminder_minutes` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `calendar_events_space` ON `calendar_events` (`space_id`,`start_at`);--> statement-breakpoint
CREATE INDEX `calendar_events_reminders` ON `calendar_events` (`reminder_minutes`,`last_end_at`);--> statement-breakpoint
CREATE TABLE `calendar_exceptions` (
	`event_id` text(36) NOT NULL,
	`occurrence_at` integer NOT NULL,
	`cancelled` integer DEFAULT false NOT NULL,
	`start_at` integer,
	`end_at` integer,
	`title` text(200),
	`description` text(2000),
	`location` text(200),
	PRIMARY KEY(`event_id`, `occurrence_at`)
);
--> statement-breakpoint
CREATE TABLE `calendar_feeds` (
	`user_id` text(36) PRIMARY KEY NOT NULL,
	`token_hash` text(64) NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calendar_feeds_token` ON `calendar_feeds` (`token_hash`);--> statement-breakpoint
CREATE TABLE `calendar_reminders_sent` (
	`event_id` text(36) NOT NULL,
	`occurrence_at` integer NOT NULL,
	`sent_at` integer NOT NULL,
	PRIMARY KEY(`event_id`, `occurrence_at`)
);
--> statement-breakpoint
CREATE TABLE `calendar_rsvps` (
	`event_id` text(36) NOT NULL,
	`occurrence_at` integer NOT NULL,
	`user_id` text(36) NOT NULL,
	`answer` text(8) NOT NULL,
	`answered_at` integer NOT NULL,
	PRIMARY KEY(`event_id`, `occurrence_at`, `user_id`)
);
