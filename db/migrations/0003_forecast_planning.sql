CREATE TABLE `forecast_lines` (
	`run_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`week` text NOT NULL,
	`p10` real NOT NULL,
	`p50` real NOT NULL,
	`p90` real NOT NULL,
	PRIMARY KEY(`run_id`, `product_id`, `week`),
	FOREIGN KEY (`run_id`) REFERENCES `forecast_runs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `forecast_overrides` (
	`id` integer PRIMARY KEY NOT NULL,
	`run_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`week` text NOT NULL,
	`units` real NOT NULL,
	`model_p50` real NOT NULL,
	`reason` text NOT NULL,
	`note` text,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`run_id`) REFERENCES `forecast_runs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `forecast_overrides_run_product_idx` ON `forecast_overrides` (`run_id`,`product_id`,`week`);--> statement-breakpoint
CREATE TABLE `forecast_plans` (
	`id` integer PRIMARY KEY NOT NULL,
	`run_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`service_level` real,
	`safety_stock` real,
	`reorder_point` real,
	`order_quantity` integer,
	`reviewed_by` integer,
	`approved_by` integer,
	`approved_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`run_id`) REFERENCES `forecast_runs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `forecast_plans_run_product_uq` ON `forecast_plans` (`run_id`,`product_id`);--> statement-breakpoint
CREATE INDEX `forecast_plans_status_idx` ON `forecast_plans` (`run_id`,`status`);--> statement-breakpoint
CREATE TABLE `forecast_runs` (
	`id` integer PRIMARY KEY NOT NULL,
	`model_version_id` integer NOT NULL,
	`first_week` text NOT NULL,
	`horizon_weeks` integer NOT NULL,
	`history_end` text NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`model_version_id`) REFERENCES `model_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `forecast_series` (
	`run_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`method` text NOT NULL,
	`segment` text NOT NULL,
	`fallback_reason` text,
	`backtest_mase` real,
	`backtest_wape` real,
	`backtest_bias` real,
	`backtest_coverage` real,
	`recent` text,
	PRIMARY KEY(`run_id`, `product_id`),
	FOREIGN KEY (`run_id`) REFERENCES `forecast_runs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
