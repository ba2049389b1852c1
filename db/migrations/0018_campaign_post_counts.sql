-- Posts per campaign and status (campaign_post_counts), kept by triggers so the console's campaign
-- list and a campaign's totals need no count over posts. 1. What is there already.
INSERT INTO `campaign_post_counts` (`campaign_id`, `status`, `n`)
  SELECT `campaign_id`, `status`, count(*) FROM `posts` GROUP BY `campaign_id`, `status`;
--> statement-breakpoint
-- 2. Every new post (the intake's INSERT … ON CONFLICT DO NOTHING fires this only for rows it adds).
CREATE TRIGGER `posts_count_insert` AFTER INSERT ON `posts`
BEGIN
  INSERT INTO `campaign_post_counts` (`campaign_id`, `status`, `n`) VALUES (NEW.`campaign_id`, NEW.`status`, 1)
    ON CONFLICT (`campaign_id`, `status`) DO UPDATE SET `n` = `n` + 1;
END;
--> statement-breakpoint
-- 3. A review (or any move to another status or campaign).
CREATE TRIGGER `posts_count_update` AFTER UPDATE OF `status`, `campaign_id` ON `posts`
WHEN OLD.`status` IS NOT NEW.`status` OR OLD.`campaign_id` IS NOT NEW.`campaign_id`
BEGIN
  UPDATE `campaign_post_counts` SET `n` = `n` - 1 WHERE `campaign_id` = OLD.`campaign_id` AND `status` = OLD.`status`;
  INSERT INTO `campaign_post_counts` (`campaign_id`, `status`, `n`) VALUES (NEW.`campaign_id`, NEW.`status`, 1)
    ON CONFLICT (`campaign_id`, `status`) DO UPDATE SET `n` = `n` + 1;
END;
--> statement-breakpoint
-- 4. A removed post.
CREATE TRIGGER `posts_count_delete` AFTER DELETE ON `posts`
BEGIN
  UPDATE `campaign_post_counts` SET `n` = `n` - 1 WHERE `campaign_id` = OLD.`campaign_id` AND `status` = OLD.`status`;
END;
