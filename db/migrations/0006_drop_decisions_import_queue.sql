DROP TABLE `decisions`;--> statement-breakpoint
DROP INDEX `payment_transactions_card_idx`;--> statement-breakpoint
DROP INDEX `payment_transactions_device_idx`;--> statement-breakpoint
CREATE INDEX `payment_transactions_ip_idx` ON `payment_transactions` (`ip_address`,`created_at`);--> statement-breakpoint
CREATE INDEX `payment_transactions_email_idx` ON `payment_transactions` (lower(trim("email")),`created_at`);--> statement-breakpoint
CREATE INDEX `payment_transactions_card_idx` ON `payment_transactions` (`card_hash`,`created_at`);--> statement-breakpoint
CREATE INDEX `payment_transactions_device_idx` ON `payment_transactions` (`device_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `imports` ADD `file_path` text;--> statement-breakpoint
ALTER TABLE `imports` ADD `file_bytes` integer;--> statement-breakpoint
ALTER TABLE `imports` ADD `options` text;--> statement-breakpoint
ALTER TABLE `imports` ADD `progress` text;--> statement-breakpoint
ALTER TABLE `imports` ADD `error` text;--> statement-breakpoint
ALTER TABLE `imports` ADD `started_at` integer;--> statement-breakpoint
ALTER TABLE `imports` ADD `finished_at` integer;--> statement-breakpoint
ALTER TABLE `imports` ADD `heartbeat_at` integer;--> statement-breakpoint
CREATE INDEX `imports_status_idx` ON `imports` (`status`,`id`);