CREATE TABLE `study_sessions` (
	`id` text(36) PRIMARY KEY NOT NULL,
	`user_id` text(36) NOT NULL,
	`subject` text(40) NOT NULL,
	`started_at` integer NOT NULL,
	`ended_at` integer NOT NULL,
	`studied_ms` integer NOT NULL,
	`pause_count` integer NOT NULL,
	`study_day` text(10) NOT NULL,
	`source` text(8) NOT NULL,
	`channel_id` text(36),
	`note` text(500),
	`edited` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `study_sessions_user_time` ON `study_sessions` (`user_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `study_sessions_user_day` ON `study_sessions` (`user_id`,`study_day`);--> statement-breakpoint
CREATE TABLE `study_settings` (
	`user_id` text(36) PRIMARY KEY NOT NULL,
	`time_zone` text(64) NOT NULL,
	`day_start_hour` integer NOT NULL,
	`daily_goal_minutes` integer NOT NULL,
	`hide_from_rankings` integer DEFAULT false NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `study_timers` (
	`user_id` text(36) PRIMARY KEY NOT NULL,
	`mode` text(16) NOT NULL,
	`subject` text(40) NOT NULL,
	`started_at` integer NOT NULL,
	`running_since` integer,
	`segments` text NOT NULL,
	`focus_minutes` integer,
	`break_minutes` integer,
	`version` integer NOT NULL,
	`updated_at` integer NOT NULL
);
