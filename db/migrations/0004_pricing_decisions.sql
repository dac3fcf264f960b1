CREATE TABLE `price_recommendations` (
	`id` integer PRIMARY KEY NOT NULL,
	`run_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`current_price_cents` integer NOT NULL,
	`recommended_price_cents` integer NOT NULL,
	`unconstrained_price_cents` integer NOT NULL,
	`cost_cents` integer,
	`elasticity` real,
	`elasticity_lower` real,
	`elasticity_upper` real,
	`expected` text NOT NULL,
	`confidence` text NOT NULL,
	`bound_by` text,
	`adjustments` text NOT NULL,
	`competitor_prices` text NOT NULL,
	`curve` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`decided_price_cents` integer,
	`first_approved_by` integer,
	`decided_by` integer,
	`decided_at` integer,
	`effective_from` text,
	`reason` text,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`run_id`) REFERENCES `price_runs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`first_approved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `price_recommendations_run_product_uq` ON `price_recommendations` (`run_id`,`product_id`);--> statement-breakpoint
CREATE INDEX `price_recommendations_status_idx` ON `price_recommendations` (`run_id`,`status`);--> statement-breakpoint
CREATE TABLE `price_runs` (
	`id` integer PRIMARY KEY NOT NULL,
	`model_version_id` integer NOT NULL,
	`settings` text NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`model_version_id`) REFERENCES `model_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `pricing_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`objective` text DEFAULT 'profit' NOT NULL,
	`max_change_pct` real,
	`competitor_rule` text DEFAULT 'maxAboveCheapest' NOT NULL,
	`competitor_pct` real,
	`price_ending` text DEFAULT '0.99' NOT NULL,
	`min_margin_pct` real,
	`second_approval_pct` real DEFAULT 15 NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_by` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `product_price_limits` (
	`product_id` integer PRIMARY KEY NOT NULL,
	`floor_cents` integer,
	`ceiling_cents` integer,
	`updated_by` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
