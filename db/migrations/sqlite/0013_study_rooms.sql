CREATE TABLE `study_rooms` (
	`channel_id` text(36) PRIMARY KEY NOT NULL,
	`focus_minutes` integer NOT NULL,
	`break_minutes` integer NOT NULL,
	`chime` text(16) NOT NULL,
	`control` text(16) NOT NULL,
	`count_time` integer NOT NULL,
	`phase` text(8) NOT NULL,
	`running` integer NOT NULL,
	`phase_ends_at` integer,
	`remaining_ms` integer,
	`round` integer NOT NULL,
	`version` integer NOT NULL,
	`updated_at` integer NOT NULL
);
