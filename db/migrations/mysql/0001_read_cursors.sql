CREATE TABLE `channel_reads` (
	`channel_id` varchar(36) NOT NULL,
	`user_id` varchar(36) NOT NULL,
	`last_read_seq` int NOT NULL DEFAULT 0,
	CONSTRAINT `channel_reads_channel_id_user_id_pk` PRIMARY KEY(`channel_id`,`user_id`)
);
--> statement-breakpoint
CREATE INDEX `channel_reads_user` ON `channel_reads` (`user_id`);