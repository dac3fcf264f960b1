CREATE TABLE `fraud_cases` (
	`id` integer PRIMARY KEY NOT NULL,
	`payment_id` integer NOT NULL,
	`score_id` integer NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`assignee_id` integer,
	`claimed_at` integer,
	`due_at` integer NOT NULL,
	`note` text,
	`decided_by` integer,
	`decided_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`payment_id`) REFERENCES `payment_transactions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`score_id`) REFERENCES `fraud_scores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `fraud_cases_payment_uq` ON `fraud_cases` (`payment_id`);--> statement-breakpoint
CREATE INDEX `fraud_cases_status_idx` ON `fraud_cases` (`status`,`due_at`);--> statement-breakpoint
CREATE TABLE `fraud_rules` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`field` text,
	`value` text,
	`threshold` real,
	`action` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`backtest` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `fraud_rules_lookup_idx` ON `fraud_rules` (`kind`,`field`,`value`);--> statement-breakpoint
CREATE TABLE `fraud_scores` (
	`id` integer PRIMARY KEY NOT NULL,
	`payment_id` integer NOT NULL,
	`model_version_id` integer,
	`score` real NOT NULL,
	`anomaly` real,
	`decision` text NOT NULL,
	`decided_by` text NOT NULL,
	`rule_id` integer,
	`reasons` text NOT NULL,
	`source` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`payment_id`) REFERENCES `payment_transactions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`model_version_id`) REFERENCES `model_versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `fraud_scores_payment_idx` ON `fraud_scores` (`payment_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `fraud_scores_created_idx` ON `fraud_scores` (`created_at`);--> statement-breakpoint
CREATE TABLE `fraud_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`review_threshold` real NOT NULL,
	`block_threshold` real NOT NULL,
	`missed_fraud_cost` real DEFAULT 150 NOT NULL,
	`review_cost` real DEFAULT 5 NOT NULL,
	`review_hours` real DEFAULT 24 NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_by` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
