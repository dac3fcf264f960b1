ALTER TABLE `jobs` ADD `acknowledged_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `jobs` ADD `acknowledged_at` integer;--> statement-breakpoint
ALTER TABLE `model_versions` ADD `dismissed_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `model_versions` ADD `dismissed_at` integer;