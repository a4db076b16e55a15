CREATE TABLE `space_materials` (
	`space_id` varchar(36) NOT NULL,
	`attachment_id` varchar(36) NOT NULL,
	`channel_id` varchar(36) NOT NULL,
	`message_id` varchar(36) NOT NULL,
	`seq` int NOT NULL,
	`marked_by` varchar(36) NOT NULL,
	`marked_at` datetime(3) NOT NULL,
	CONSTRAINT `space_materials_space_id_attachment_id_pk` PRIMARY KEY(`space_id`,`attachment_id`)
);
--> statement-breakpoint
CREATE INDEX `space_materials_list` ON `space_materials` (`space_id`,`marked_at`,`attachment_id`);