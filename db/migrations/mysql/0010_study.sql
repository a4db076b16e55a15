CREATE TABLE `study_sessions` (
	`id` varchar(36) NOT NULL,
	`user_id` varchar(36) NOT NULL,
	`subject` varchar(40) NOT NULL,
	`started_at` datetime(3) NOT NULL,
	`ended_at` datetime(3) NOT NULL,
	`studied_ms` int NOT NULL,
	`pause_count` int NOT NULL,
	`study_day` varchar(10) NOT NULL,
	`source` varchar(8) NOT NULL,
	`channel_id` varchar(36),
	`note` varchar(500),
	`edited` boolean NOT NULL DEFAULT false,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `study_sessions_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `study_settings` (
	`user_id` varchar(36) NOT NULL,
	`time_zone` varchar(64) NOT NULL,
	`day_start_hour` int NOT NULL,
	`daily_goal_minutes` int NOT NULL,
	`hide_from_rankings` boolean NOT NULL DEFAULT false,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `study_settings_user_id` PRIMARY KEY(`user_id`)
);
--> statement-breakpoint
CREATE TABLE `study_timers` (
	`user_id` varchar(36) NOT NULL,
	`mode` varchar(16) NOT NULL,
	`subject` varchar(40) NOT NULL,
	`started_at` datetime(3) NOT NULL,
	`running_since` datetime(3),
	`segments` text NOT NULL,
	`focus_minutes` int,
	`break_minutes` int,
	`version` int NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `study_timers_user_id` PRIMARY KEY(`user_id`)
);
--> statement-breakpoint
CREATE INDEX `study_sessions_user_time` ON `study_sessions` (`user_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `study_sessions_user_day` ON `study_sessions` (`user_id`,`study_day`);