CREATE TABLE `api_keys` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`prefix` text NOT NULL,
	`key_hash` text NOT NULL,
	`scopes` text NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text,
	`role` text NOT NULL,
	`disabled` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_uq` ON `users` (`email`);--> statement-breakpoint
CREATE TABLE `channels` (
	`id` integer PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `channels_code_unique` ON `channels` (`code`);--> statement-breakpoint
CREATE TABLE `customers` (
	`id` integer PRIMARY KEY NOT NULL,
	`external_id` text NOT NULL,
	`email` text,
	`name` text,
	`country` text,
	`segment` text,
	`signup_date` text,
	`source` text DEFAULT 'seed' NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customers_external_uq` ON `customers` (`external_id`);--> statement-breakpoint
CREATE TABLE `holidays` (
	`date` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `products` (
	`id` integer PRIMARY KEY NOT NULL,
	`sku` text NOT NULL,
	`name` text NOT NULL,
	`category` text NOT NULL,
	`brand` text,
	`cost_cents` integer,
	`price_cents` integer NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`source` text DEFAULT 'seed' NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `products_sku_uq` ON `products` (`sku`);--> statement-breakpoint
CREATE INDEX `products_category_idx` ON `products` (`category`);--> statement-breakpoint
CREATE TABLE `promotions` (
	`id` integer PRIMARY KEY NOT NULL,
	`product_id` integer NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`discount_pct` real NOT NULL,
	`name` text,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `promotions_product_idx` ON `promotions` (`product_id`,`start_date`);--> statement-breakpoint
CREATE TABLE `competitor_prices` (
	`id` integer PRIMARY KEY NOT NULL,
	`product_id` integer NOT NULL,
	`competitor` text NOT NULL,
	`date` text NOT NULL,
	`price_cents` integer NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `competitor_prices_product_idx` ON `competitor_prices` (`product_id`,`date`);--> statement-breakpoint
CREATE TABLE `daily_sales` (
	`product_id` integer NOT NULL,
	`channel_id` integer NOT NULL,
	`date` text NOT NULL,
	`units` integer NOT NULL,
	`revenue_cents` integer NOT NULL,
	`price_cents` integer NOT NULL,
	`on_promotion` integer DEFAULT false NOT NULL,
	`stockout` integer DEFAULT false NOT NULL,
	PRIMARY KEY(`product_id`, `channel_id`, `date`),
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `daily_sales_date_idx` ON `daily_sales` (`date`);--> statement-breakpoint
CREATE TABLE `interactions` (
	`id` integer PRIMARY KEY NOT NULL,
	`customer_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`channel_id` integer,
	`kind` text NOT NULL,
	`occurred_at` integer NOT NULL,
	`source` text DEFAULT 'seed' NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `interactions_customer_idx` ON `interactions` (`customer_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `interactions_product_idx` ON `interactions` (`product_id`);--> statement-breakpoint
CREATE TABLE `inventory_positions` (
	`product_id` integer PRIMARY KEY NOT NULL,
	`on_hand` integer NOT NULL,
	`on_order` integer NOT NULL,
	`lead_time_days` integer NOT NULL,
	`as_of` text NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `order_lines` (
	`id` integer PRIMARY KEY NOT NULL,
	`order_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`quantity` integer NOT NULL,
	`unit_price_cents` integer NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `order_lines_order_idx` ON `order_lines` (`order_id`);--> statement-breakpoint
CREATE INDEX `order_lines_product_idx` ON `order_lines` (`product_id`);--> statement-breakpoint
CREATE TABLE `orders` (
	`id` integer PRIMARY KEY NOT NULL,
	`external_id` text NOT NULL,
	`customer_id` integer,
	`channel_id` integer NOT NULL,
	`ordered_at` integer NOT NULL,
	`status` text NOT NULL,
	`total_cents` integer NOT NULL,
	`country` text,
	`source` text DEFAULT 'seed' NOT NULL,
	`import_id` integer,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `orders_external_uq` ON `orders` (`external_id`);--> statement-breakpoint
CREATE INDEX `orders_customer_idx` ON `orders` (`customer_id`);--> statement-breakpoint
CREATE INDEX `orders_ordered_at_idx` ON `orders` (`ordered_at`);--> statement-breakpoint
CREATE TABLE `price_history` (
	`id` integer PRIMARY KEY NOT NULL,
	`product_id` integer NOT NULL,
	`price_cents` integer NOT NULL,
	`effective_from` text NOT NULL,
	`source` text NOT NULL,
	`decision_id` integer,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `price_history_product_idx` ON `price_history` (`product_id`,`effective_from`);--> statement-breakpoint
CREATE TABLE `reviews` (
	`id` integer PRIMARY KEY NOT NULL,
	`external_id` text,
	`product_id` integer NOT NULL,
	`customer_id` integer,
	`channel_id` integer,
	`rating` integer NOT NULL,
	`title` text,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	`source` text DEFAULT 'seed' NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reviews_product_idx` ON `reviews` (`product_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `reviews_external_uq` ON `reviews` (`external_id`);--> statement-breakpoint
CREATE TABLE `payment_transactions` (
	`id` integer PRIMARY KEY NOT NULL,
	`external_id` text NOT NULL,
	`order_id` integer,
	`customer_id` integer,
	`channel_id` integer,
	`created_at` integer NOT NULL,
	`amount_cents` integer NOT NULL,
	`currency` text DEFAULT 'USD' NOT NULL,
	`status` text NOT NULL,
	`card_hash` text NOT NULL,
	`card_bin` text,
	`card_country` text,
	`email` text,
	`device_id` text,
	`ip_address` text,
	`ip_country` text,
	`billing_country` text,
	`shipping_country` text,
	`account_age_days` integer,
	`is_new_device` integer,
	`card_txn_count_24h` integer,
	`device_account_count` integer,
	`amount_to_customer_avg` real,
	`hour_of_day` integer,
	`source` text DEFAULT 'seed' NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payment_transactions_external_uq` ON `payment_transactions` (`external_id`);--> statement-breakpoint
CREATE INDEX `payment_transactions_created_idx` ON `payment_transactions` (`created_at`);--> statement-breakpoint
CREATE INDEX `payment_transactions_card_idx` ON `payment_transactions` (`card_hash`);--> statement-breakpoint
CREATE INDEX `payment_transactions_device_idx` ON `payment_transactions` (`device_id`);--> statement-breakpoint
CREATE INDEX `payment_transactions_customer_idx` ON `payment_transactions` (`customer_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`actor_id` integer,
	`actor_email` text NOT NULL,
	`action` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text,
	`before` text,
	`after` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_log_entity_idx` ON `audit_log` (`entity_type`,`entity_id`);--> statement-breakpoint
CREATE TABLE `decisions` (
	`id` integer PRIMARY KEY NOT NULL,
	`area` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text NOT NULL,
	`status` text NOT NULL,
	`payload` text,
	`reason` text,
	`version` integer DEFAULT 1 NOT NULL,
	`decided_by` integer,
	`decided_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `decisions_entity_idx` ON `decisions` (`area`,`entity_type`,`entity_id`);--> statement-breakpoint
CREATE TABLE `imports` (
	`id` integer PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`filename` text NOT NULL,
	`status` text NOT NULL,
	`rows_read` integer NOT NULL,
	`rows_written` integer NOT NULL,
	`summary` text,
	`created_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `jobs` (
	`id` integer PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`task` text NOT NULL,
	`status` text NOT NULL,
	`params` text NOT NULL,
	`progress` text,
	`error` text,
	`cancel_requested` integer DEFAULT false NOT NULL,
	`model_version_id` integer,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`started_at` integer,
	`finished_at` integer,
	`heartbeat_at` integer,
	FOREIGN KEY (`model_version_id`) REFERENCES `model_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `jobs_status_idx` ON `jobs` (`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `model_versions` (
	`id` integer PRIMARY KEY NOT NULL,
	`task` text NOT NULL,
	`version` integer NOT NULL,
	`status` text NOT NULL,
	`params` text NOT NULL,
	`metrics` text,
	`train_from` text,
	`train_to` text,
	`data_hash` text,
	`backend` text,
	`duration_ms` integer,
	`artifact_path` text,
	`trained_by` integer,
	`created_at` integer NOT NULL,
	`promoted_by` integer,
	`promoted_at` integer,
	FOREIGN KEY (`trained_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`promoted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `model_versions_task_idx` ON `model_versions` (`task`,`status`);--> statement-breakpoint
CREATE TABLE `truth_products` (
	`product_id` integer PRIMARY KEY NOT NULL,
	`price_elasticity` real NOT NULL,
	`base_daily_units` real NOT NULL,
	`reference_price_cents` integer NOT NULL,
	`trend_per_year` real NOT NULL,
	`promo_lift` real NOT NULL,
	`competitor_sensitivity` real NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `truth_transactions` (
	`transaction_id` integer PRIMARY KEY NOT NULL,
	`is_fraud` integer NOT NULL,
	`pattern` text,
	FOREIGN KEY (`transaction_id`) REFERENCES `payment_transactions`(`id`) ON UPDATE no action ON DELETE no action
);
