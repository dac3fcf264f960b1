ALTER TABLE `forecast_series` ADD `channel_units` text;--> statement-breakpoint
CREATE INDEX `forecast_plans_product_idx` ON `forecast_plans` (`product_id`,`status`,`run_id`);--> statement-breakpoint
-- Runs published before this column: the same 13 weeks of units per channel that the list used to read on every request.
UPDATE `forecast_series` SET `channel_units` = (
	SELECT json_group_object(x.code, x.units) FROM (
		SELECT c.code AS code, SUM(d.units) AS units
		FROM `forecast_runs` r CROSS JOIN `channels` c CROSS JOIN `daily_sales` d
		WHERE r.id = `forecast_series`.`run_id` AND d.product_id = `forecast_series`.`product_id` AND d.channel_id = c.id
			AND d.date > date(r.history_end, '-91 days') AND d.date <= r.history_end
		GROUP BY c.code
	) x
);
