CREATE TABLE `review_aspect_counts` (
	`product_id` integer NOT NULL,
	`aspect` text NOT NULL,
	`positive` integer NOT NULL,
	`negative` integer NOT NULL,
	PRIMARY KEY(`product_id`, `aspect`),
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `review_aspect_counts_aspect_idx` ON `review_aspect_counts` (`aspect`);--> statement-breakpoint
CREATE TABLE `review_aspects` (
	`category` text NOT NULL,
	`aspect` text NOT NULL,
	`label` text NOT NULL,
	`terms` text NOT NULL,
	`source` text NOT NULL,
	PRIMARY KEY(`category`, `aspect`)
);
--> statement-breakpoint
CREATE TABLE `review_replies` (
	`review_id` integer PRIMARY KEY NOT NULL,
	`body` text NOT NULL,
	`replied_by` integer NOT NULL,
	`replied_at` integer NOT NULL,
	FOREIGN KEY (`review_id`) REFERENCES `reviews`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`replied_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `review_scores` (
	`review_id` integer PRIMARY KEY NOT NULL,
	`product_id` integer NOT NULL,
	`model_version_id` integer NOT NULL,
	`score` real NOT NULL,
	`positive` integer NOT NULL,
	`scored_at` integer NOT NULL,
	FOREIGN KEY (`review_id`) REFERENCES `reviews`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`model_version_id`) REFERENCES `model_versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `review_scores_product_idx` ON `review_scores` (`product_id`,`positive`,`model_version_id`);--> statement-breakpoint
CREATE INDEX `review_scores_version_idx` ON `review_scores` (`model_version_id`);--> statement-breakpoint
CREATE TABLE `review_sentences` (
	`id` integer PRIMARY KEY NOT NULL,
	`review_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`position` integer NOT NULL,
	`text` text NOT NULL,
	`score` real NOT NULL,
	`positive` integer NOT NULL,
	`aspects` text DEFAULT ',' NOT NULL,
	FOREIGN KEY (`review_id`) REFERENCES `reviews`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `review_sentences_product_idx` ON `review_sentences` (`product_id`);--> statement-breakpoint
CREATE INDEX `review_sentences_review_idx` ON `review_sentences` (`review_id`,`position`);--> statement-breakpoint
CREATE TABLE `review_summaries` (
	`id` integer PRIMARY KEY NOT NULL,
	`product_id` integer NOT NULL,
	`version` integer NOT NULL,
	`body` text NOT NULL,
	`draft_body` text NOT NULL,
	`sentiment` text NOT NULL,
	`aspects` text NOT NULL,
	`model_version_id` integer,
	`approved_by` integer NOT NULL,
	`approved_at` integer NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`model_version_id`) REFERENCES `model_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `review_summaries_product_version_uq` ON `review_summaries` (`product_id`,`version`);--> statement-breakpoint
DROP INDEX `reviews_product_idx`;--> statement-breakpoint
CREATE INDEX `reviews_product_idx` ON `reviews` (`product_id`,`created_at`,`rating`);