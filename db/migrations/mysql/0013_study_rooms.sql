CREATE TABLE `study_rooms` (
	`channel_id` varchar(36) NOT NULL,
	`focus_minutes` int NOT NULL,
	`break_minutes` int NOT NULL,
	`chime` varchar(16) NOT NULL,
	`control` varchar(16) NOT NULL,
	`count_time` boolean NOT NULL,
	`phase` varchar(8) NOT NULL,
	`running` boolean NOT NULL,
	`phase_ends_at` datetime(3),
	`remaining_ms` int,
	`round` int NOT NULL,
	`version` int NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `study_rooms_channel_id` PRIMARY KEY(`channel_id`)
);
