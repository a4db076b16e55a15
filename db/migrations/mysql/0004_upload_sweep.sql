CREATE INDEX `channels_image` ON `channels` (`image`);--> statement-breakpoint
CREATE INDEX `spaces_icon` ON `spaces` (`icon`);--> statement-breakpoint
CREATE INDEX `uploads_owner` ON `uploads` (`owner_id`);--> statement-breakpoint
CREATE INDEX `uploads_created` ON `uploads` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `users_image` ON `users` (`image`);--> statement-breakpoint
CREATE INDEX `users_background_image` ON `users` (`background_image`);