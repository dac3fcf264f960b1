CREATE TABLE `sales_summary` (
	`date` text NOT NULL,
	`channel_id` integer NOT NULL,
	`category` text NOT NULL,
	`units` integer NOT NULL,
	`revenue_cents` integer NOT NULL,
	PRIMARY KEY(`date`, `channel_id`, `category`),
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
-- Fill the roll-up for databases that already hold sales.
INSERT INTO `sales_summary` (`date`, `channel_id`, `category`, `units`, `revenue_cents`)
SELECT s.date, s.channel_id, p.category, sum(s.units), sum(s.revenue_cents)
FROM daily_sales s JOIN products p ON p.id = s.product_id
GROUP BY s.date, s.channel_id, p.category;
