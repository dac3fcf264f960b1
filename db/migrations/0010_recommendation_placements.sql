CREATE TABLE `placement_drafts` (
	`placement` text PRIMARY KEY NOT NULL,
	`model_version_id` integer,
	`rules` text NOT NULL,
	`n` integer NOT NULL,
	`revision` integer NOT NULL,
	`updated_by` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`model_version_id`) REFERENCES `model_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `placement_scenarios` (
	`id` integer PRIMARY KEY NOT NULL,
	`placement` text NOT NULL,
	`version` integer NOT NULL,
	`model_version_id` integer,
	`champion_version_id` integer,
	`rules` text NOT NULL,
	`n` integer NOT NULL,
	`restored_from` integer,
	`note` text,
	`approved_by` integer NOT NULL,
	`approved_at` integer NOT NULL,
	FOREIGN KEY (`model_version_id`) REFERENCES `model_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`champion_version_id`) REFERENCES `model_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `placement_scenarios_version_uq` ON `placement_scenarios` (`placement`,`version`);--> statement-breakpoint
CREATE INDEX `interactions_kind_time_idx` ON `interactions` (`kind`,`occurred_at`);