-- Console counts kept by triggers (db/schema/console-counts.ts, issue 15): the console's pages read
-- these small tables instead of counting 100,000 members or a digest's outbox rows per request.
-- Triggers run in the database, so every process and write path keeps the counts exact; the
-- test test/integration/console-counts.test.ts compares them with counting from scratch after
-- every kind of change.
--
-- audience_counts: a member's contribution (their own row and their identities' rows) is
-- subtracted BEFORE a change to the member or one of their identities and added back AFTER it,
-- recomputed from the tables each time (a few index lookups), so no case analysis can drift.
-- 1. What is already there.
INSERT INTO `audience_counts` (`kind`, `platform`, `inbound_day`, `role`, `mcn_id`, `private_chat`, `n`)
SELECT k, p, d, r, c, pc, sum(n) FROM (
  SELECT 'registered' AS k, '*' AS p, -1 AS d, m.`role` AS r, coalesce(m.`mcn_id`, 0) AS c, 1 AS pc, 1 AS n
    FROM `members` m WHERE m.`registered_at` IS NOT NULL AND m.`status` <> 'deleted'
  UNION ALL
  SELECT 'registered', i.`platform`, -1, m.`role`, coalesce(m.`mcn_id`, 0), 1, count(DISTINCT m.`id`)
    FROM `members` m JOIN `chat_identities` i ON i.`member_id` = m.`id` WHERE m.`registered_at` IS NOT NULL AND m.`status` <> 'deleted'
    GROUP BY i.`platform`, m.`role`, m.`mcn_id`
  UNION ALL
  SELECT 'push', '*', -1, m.`role`, coalesce(m.`mcn_id`, 0), 1, 1
    FROM `members` m WHERE m.`status` = 'active' AND m.`registered_at` IS NOT NULL AND m.`consent_at` IS NOT NULL
      AND EXISTS (SELECT 1 FROM `chat_identities` i WHERE i.`member_id` = m.`id` AND i.`unfollowed_at` IS NULL)
  UNION ALL
  SELECT 'push', i.`platform`, CASE WHEN i.`platform` = 'zalo' THEN coalesce(i.`last_inbound_at` / 86400000, -1) ELSE -1 END,
         m.`role`, coalesce(m.`mcn_id`, 0), CASE WHEN i.`platform` = 'telegram' AND i.`private_chat_at` IS NULL THEN 0 ELSE 1 END, count(*)
    FROM `members` m JOIN `chat_identities` i ON i.`member_id` = m.`id` WHERE m.`status` = 'active' AND m.`registered_at` IS NOT NULL AND m.`consent_at` IS NOT NULL AND i.`unfollowed_at` IS NULL
    GROUP BY 2, 3, 4, 5, 6
) GROUP BY k, p, d, r, c, pc;
--> statement-breakpoint
INSERT INTO `outbox_counts` (`ref`, `part`, `platform`, `status`, `reason`, `n`)
SELECT `ref`, substr(outbox.`idempotency_key`, length(outbox.`ref`) + 2, max(0, instr(outbox.`idempotency_key`, ':member:') - length(outbox.`ref`) - 2)), `platform`, `status`, coalesce(`last_error`, ''), count(*) FROM `outbox` GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
-- 2. Members.
CREATE TRIGGER `audience_counts_member_insert` AFTER INSERT ON `members` BEGIN
  INSERT INTO `audience_counts` (`kind`, `platform`, `inbound_day`, `role`, `mcn_id`, `private_chat`, `n`)
  SELECT k, p, d, r, c, pc, n FROM (
  SELECT 'registered' AS k, '*' AS p, -1 AS d, m.`role` AS r, coalesce(m.`mcn_id`, 0) AS c, 1 AS pc, 1 AS n
    FROM `members` m WHERE m.`id` = NEW.`id` AND m.`registered_at` IS NOT NULL AND m.`status` <> 'deleted'
  UNION ALL
  SELECT 'registered', i.`platform`, -1, m.`role`, coalesce(m.`mcn_id`, 0), 1, count(DISTINCT m.`id`)
    FROM `members` m JOIN `chat_identities` i ON i.`member_id` = m.`id` WHERE m.`id` = NEW.`id` AND m.`registered_at` IS NOT NULL AND m.`status` <> 'deleted'
    GROUP BY i.`platform`, m.`role`, m.`mcn_id`
  UNION ALL
  SELECT 'push', '*', -1, m.`role`, coalesce(m.`mcn_id`, 0), 1, 1
    FROM `members` m WHERE m.`id` = NEW.`id` AND m.`status` = 'active' AND m.`registered_at` IS NOT NULL AND m.`consent_at` IS NOT NULL
      AND EXISTS (SELECT 1 FROM `chat_identities` i WHERE i.`member_id` = m.`id` AND i.`unfollowed_at` IS NULL)
  UNION ALL
  SELECT 'push', i.`platform`, CASE WHEN i.`platform` = 'zalo' THEN coalesce(i.`last_inbound_at` / 86400000, -1) ELSE -1 END,
         m.`role`, coalesce(m.`mcn_id`, 0), CASE WHEN i.`platform` = 'telegram' AND i.`private_chat_at` IS NULL THEN 0 ELSE 1 END, count(*)
    FROM `members` m JOIN `chat_identities` i ON i.`member_id` = m.`id` WHERE m.`id` = NEW.`id` AND m.`status` = 'active' AND m.`registered_at` IS NOT NULL AND m.`consent_at` IS NOT NULL AND i.`unfollowed_at` IS NULL
    GROUP BY 2, 3, 4, 5, 6
  ) WHERE true
  ON CONFLICT (`kind`, `platform`, `inbound_day`, `role`, `mcn_id`, `private_chat`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `audience_counts_member_update_before` BEFORE UPDATE OF `role`, `mcn_id`, `status`, `registered_at`, `consent_at` ON `members`
WHEN OLD.`role` IS NOT NEW.`role` OR OLD.`mcn_id` IS NOT NEW.`mcn_id` OR OLD.`status` IS NOT NEW.`status` OR (OLD.`registered_at` IS NULL) <> (NEW.`registered_at` IS NULL) OR (OLD.`consent_at` IS NULL) <> (NEW.`consent_at` IS NULL)
BEGIN
  INSERT INTO `audience_counts` (`kind`, `platform`, `inbound_day`, `role`, `mcn_id`, `private_chat`, `n`)
  SELECT k, p, d, r, c, pc, -n FROM (
  SELECT 'registered' AS k, '*' AS p, -1 AS d, m.`role` AS r, coalesce(m.`mcn_id`, 0) AS c, 1 AS pc, 1 AS n
    FROM `members` m WHERE m.`id` = OLD.`id` AND m.`registered_at` IS NOT NULL AND m.`status` <> 'deleted'
  UNION ALL
  SELECT 'registered', i.`platform`, -1, m.`role`, coalesce(m.`mcn_id`, 0), 1, count(DISTINCT m.`id`)
    FROM `members` m JOIN `chat_identities` i ON i.`member_id` = m.`id` WHERE m.`id` = OLD.`id` AND m.`registered_at` IS NOT NULL AND m.`status` <> 'deleted'
    GROUP BY i.`platform`, m.`role`, m.`mcn_id`
  UNION ALL
  SELECT 'push', '*', -1, m.`role`, coalesce(m.`mcn_id`, 0), 1, 1
    FROM `members` m WHERE m.`id` = OLD.`id` AND m.`status` = 'active' AND m.`registered_at` IS NOT NULL AND m.`consent_at` IS NOT NULL
      AND EXISTS (SELECT 1 FROM `chat_identities` i WHERE i.`member_id` = m.`id` AND i.`unfollowed_at` IS NULL)
  UNION ALL
  SELECT 'push', i.`platform`, CASE WHEN i.`platform` = 'zalo' THEN coalesce(i.`last_inbound_at` / 86400000, -1) ELSE -1 END,
         m.`role`, coalesce(m.`mcn_id`, 0), CASE WHEN i.`platform` = 'telegram' AND i.`private_chat_at` IS NULL THEN 0 ELSE 1 END, count(*)
    FROM `members` m JOIN `chat_identities` i ON i.`member_id` = m.`id` WHERE m.`id` = OLD.`id` AND m.`status` = 'active' AND m.`registered_at` IS NOT NULL AND m.`consent_at` IS NOT NULL AND i.`unfollowed_at` IS NULL
    GROUP BY 2, 3, 4, 5, 6
  ) WHERE true
  ON CONFLICT (`kind`, `platform`, `inbound_day`, `role`, `mcn_id`, `private_chat`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `audience_counts_member_update_after` AFTER UPDATE OF `role`, `mcn_id`, `status`, `registered_at`, `consent_at` ON `members`
WHEN OLD.`role` IS NOT NEW.`role` OR OLD.`mcn_id` IS NOT NEW.`mcn_id` OR OLD.`status` IS NOT NEW.`status` OR (OLD.`registered_at` IS NULL) <> (NEW.`registered_at` IS NULL) OR (OLD.`consent_at` IS NULL) <> (NEW.`consent_at` IS NULL)
BEGIN
  INSERT INTO `audience_counts` (`kind`, `platform`, `inbound_day`, `role`, `mcn_id`, `private_chat`, `n`)
  SELECT k, p, d, r, c, pc, n FROM (
  SELECT 'registered' AS k, '*' AS p, -1 AS d, m.`role` AS r, coalesce(m.`mcn_id`, 0) AS c, 1 AS pc, 1 AS n
    FROM `members` m WHERE m.`id` = NEW.`id` AND m.`registered_at` IS NOT NULL AND m.`status` <> 'deleted'
  UNION ALL
  SELECT 'registered', i.`platform`, -1, m.`role`, coalesce(m.`mcn_id`, 0), 1, count(DISTINCT m.`id`)
    FROM `members` m JOIN `chat_identities` i ON i.`member_id` = m.`id` WHERE m.`id` = NEW.`id` AND m.`registered_at` IS NOT NULL AND m.`status` <> 'deleted'
    GROUP BY i.`platform`, m.`role`, m.`mcn_id`
  UNION ALL
  SELECT 'push', '*', -1, m.`role`, coalesce(m.`mcn_id`, 0), 1, 1
    FROM `members` m WHERE m.`id` = NEW.`id` AND m.`status` = 'active' AND m.`registered_at` IS NOT NULL AND m.`consent_at` IS NOT NULL
      AND EXISTS (SELECT 1 FROM `chat_identities` i WHERE i.`member_id` = m.`id` AND i.`unfollowed_at` IS NULL)
  UNION ALL
  SELECT 'push', i.`platform`, CASE WHEN i.`platform` = 'zalo' THEN coalesce(i.`last_inbound_at` / 86400000, -1) ELSE -1 END,
         m.`role`, coalesce(m.`mcn_id`, 0), CASE WHEN i.`platform` = 'telegram' AND i.`private_chat_at` IS NULL THEN 0 ELSE 1 END, count(*)
    FROM `members` m JOIN `chat_identities` i ON i.`member_id` = m.`id` WHERE m.`id` = NEW.`id` AND m.`status` = 'active' AND m.`registered_at` IS NOT NULL AND m.`consent_at` IS NOT NULL AND i.`unfollowed_at` IS NULL
    GROUP BY 2, 3, 4, 5, 6
  ) WHERE true
  ON CONFLICT (`kind`, `platform`, `inbound_day`, `role`, `mcn_id`, `private_chat`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `audience_counts_member_delete` BEFORE DELETE ON `members` BEGIN
  INSERT INTO `audience_counts` (`kind`, `platform`, `inbound_day`, `role`, `mcn_id`, `private_chat`, `n`)
  SELECT k, p, d, r, c, pc, -n FROM (
  SELECT 'registered' AS k, '*' AS p, -1 AS d, m.`role` AS r, coalesce(m.`mcn_id`, 0) AS c, 1 AS pc, 1 AS n
    FROM `members` m WHERE m.`id` = OLD.`id` AND m.`registered_at` IS NOT NULL AND m.`status` <> 'deleted'
  UNION ALL
  SELECT 'registered', i.`platform`, -1, m.`role`, coalesce(m.`mcn_id`, 0), 1, count(DISTINCT m.`id`)
    FROM `members` m JOIN `chat_identities` i ON i.`member_id` = m.`id` WHERE m.`id` = OLD.`id` AND m.`registered_at` IS NOT NULL AND m.`status` <> 'deleted'
    GROUP BY i.`platform`, m.`role`, m.`mcn_id`
  UNION ALL
  SELECT 'push', '*', -1, m.`role`, coalesce(m.`mcn_id`, 0), 1, 1
    FROM `members` m WHERE m.`id` = OLD.`id` AND m.`status` = 'active' AND m.`registered_at` IS NOT NULL AND m.`consent_at` IS NOT NULL
      AND EXISTS (SELECT 1 FROM `chat_identities` i WHERE i.`member_id` = m.`id` AND i.`unfollowed_at` IS NULL)
  UNION ALL
  SELECT 'push', i.`platform`, CASE WHEN i.`platform` = 'zalo' THEN coalesce(i.`last_inbound_at` / 86400000, -1) ELSE -1 END,
         m.`role`, coalesce(m.`mcn_id`, 0), CASE WHEN i.`platform` = 'telegram' AND i.`private_chat_at` IS NULL THEN 0 ELSE 1 END, count(*)
    FROM `members` m JOIN `chat_identities` i ON i.`member_id` = m.`id` WHERE m.`id` = OLD.`id` AND m.`status` = 'active' AND m.`registered_at` IS NOT NULL AND m.`consent_at` IS NOT NULL AND i.`unfollowed_at` IS NULL
    GROUP BY 2, 3, 4, 5, 6
  ) WHERE true
  ON CONFLICT (`kind`, `platform`, `inbound_day`, `role`, `mcn_id`, `private_chat`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
-- 3. Chat identities (the member before and after, both when an identity moves to another member).
-- An identity's insert has only an AFTER trigger (an upsert's or an ignored insert's BEFORE INSERT would
-- fire without its AFTER INSERT): the member's contribution without the new row is subtracted, then the full one added.
CREATE TRIGGER `audience_counts_identity_insert` AFTER INSERT ON `chat_identities` WHEN NEW.`member_id` IS NOT NULL BEGIN
  INSERT INTO `audience_counts` (`kind`, `platform`, `inbound_day`, `role`, `mcn_id`, `private_chat`, `n`)
  SELECT k, p, d, r, c, pc, -n FROM (
  SELECT 'registered' AS k, '*' AS p, -1 AS d, m.`role` AS r, coalesce(m.`mcn_id`, 0) AS c, 1 AS pc, 1 AS n
    FROM `members` m WHERE m.`id` = NEW.`member_id` AND m.`registered_at` IS NOT NULL AND m.`status` <> 'deleted'
  UNION ALL
  SELECT 'registered', i.`platform`, -1, m.`role`, coalesce(m.`mcn_id`, 0), 1, count(DISTINCT m.`id`)
    FROM `members` m JOIN `chat_identities` i ON i.`member_id` = m.`id` WHERE m.`id` = NEW.`member_id` AND m.`registered_at` IS NOT NULL AND m.`status` <> 'deleted' AND i.`id` <> NEW.`id`
    GROUP BY i.`platform`, m.`role`, m.`mcn_id`
  UNION ALL
  SELECT 'push', '*', -1, m.`role`, coalesce(m.`mcn_id`, 0), 1, 1
    FROM `members` m WHERE m.`id` = NEW.`member_id` AND m.`status` = 'active' AND m.`registered_at` IS NOT NULL AND m.`consent_at` IS NOT NULL
      AND EXISTS (SELECT 1 FROM `chat_identities` i WHERE i.`member_id` = m.`id` AND i.`unfollowed_at` IS NULL AND i.`id` <> NEW.`id`)
  UNION ALL
  SELECT 'push', i.`platform`, CASE WHEN i.`platform` = 'zalo' THEN coalesce(i.`last_inbound_at` / 86400000, -1) ELSE -1 END,
         m.`role`, coalesce(m.`mcn_id`, 0), CASE WHEN i.`platform` = 'telegram' AND i.`private_chat_at` IS NULL THEN 0 ELSE 1 END, count(*)
    FROM `members` m JOIN `chat_identities` i ON i.`member_id` = m.`id` WHERE m.`id` = NEW.`member_id` AND m.`status` = 'active' AND m.`registered_at` IS NOT NULL AND m.`consent_at` IS NOT NULL AND i.`unfollowed_at` IS NULL AND i.`id` <> NEW.`id`
    GROUP BY 2, 3, 4, 5, 6
  ) WHERE true
  ON CONFLICT (`kind`, `platform`, `inbound_day`, `role`, `mcn_id`, `private_chat`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `audience_counts` (`kind`, `platform`, `inbound_day`, `role`, `mcn_id`, `private_chat`, `n`)
  SELECT k, p, d, r, c, pc, n FROM (
  SELECT 'registered' AS k, '*' AS p, -1 AS d, m.`role` AS r, coalesce(m.`mcn_id`, 0) AS c, 1 AS pc, 1 AS n
    FROM `members` m WHERE m.`id` = NEW.`member_id` AND m.`registered_at` IS NOT NULL AND m.`status` <> 'deleted'
  UNION ALL
  SELECT 'registered', i.`platform`, -1, m.`role`, coalesce(m.`mcn_id`, 0), 1, count(DISTINCT m.`id`)
    FROM `members` m JOIN `chat_identities` i ON i.`member_id` = m.`id` WHERE m.`id` = NEW.`member_id` AND m.`registered_at` IS NOT NULL AND m.`status` <> 'deleted'
    GROUP BY i.`platform`, m.`role`, m.`mcn_id`
  UNION ALL
  SELECT 'push', '*', -1, m.`role`, coalesce(m.`mcn_id`, 0), 1, 1
    FROM `members` m WHERE m.`id` = NEW.`member_id` AND m.`status` = 'active' AND m.`registered_at` IS NOT NULL AND m.`consent_at` IS NOT NULL
      AND EXISTS (SELECT 1 FROM `chat_identities` i WHERE i.`member_id` = m.`id` AND i.`unfollowed_at` IS NULL)
  UNION ALL
  SELECT 'push', i.`platform`, CASE WHEN i.`platform` = 'zalo' THEN coalesce(i.`last_inbound_at` / 86400000, -1) ELSE -1 END,
         m.`role`, coalesce(m.`mcn_id`, 0), CASE WHEN i.`platform` = 'telegram' AND i.`private_chat_at` IS NULL THEN 0 ELSE 1 END, count(*)
    FROM `members` m JOIN `chat_identities` i ON i.`member_id` = m.`id` WHERE m.`id` = NEW.`member_id` AND m.`status` = 'active' AND m.`registered_at` IS NOT NULL AND m.`consent_at` IS NOT NULL AND i.`unfollowed_at` IS NULL
    GROUP BY 2, 3, 4, 5, 6
  ) WHERE true
  ON CONFLICT (`kind`, `platform`, `inbound_day`, `role`, `mcn_id`, `private_chat`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `audience_counts_identity_delete_before` BEFORE DELETE ON `chat_identities` WHEN OLD.`member_id` IS NOT NULL BEGIN
  INSERT INTO `audience_counts` (`kind`, `platform`, `inbound_day`, `role`, `mcn_id`, `private_chat`, `n`)
  SELECT k, p, d, r, c, pc, -n FROM (
  SELECT 'registered' AS k, '*' AS p, -1 AS d, m.`role` AS r, coalesce(m.`mcn_id`, 0) AS c, 1 AS pc, 1 AS n
    FROM `members` m WHERE m.`id` = OLD.`member_id` AND m.`registered_at` IS NOT NULL AND m.`status` <> 'deleted'
  UNION ALL
  SELECT 'registered', i.`platform`, -1, m.`role`, coalesce(m.`mcn_id`, 0), 1, count(DISTINCT m.`id`)
    FROM `members` m JOIN `chat_identities` i ON i.`member_id` = m.`id` WHERE m.`id` = OLD.`member_id` AND m.`registered_at` IS NOT NULL AND m.`status` <> 'deleted'
    GROUP BY i.`platform`, m.`role`, m.`mcn_id`
  UNION ALL
  SELECT 'push', '*', -1, m.`role`, coalesce(m.`mcn_id`, 0), 1, 1
    FROM `members` m WHERE m.`id` = OLD.`member_id` AND m.`status` = 'active' AND m.`registered_at` IS NOT NULL AND m.`consent_at` IS NOT NULL
      AND EXISTS (SELECT 1 FROM `chat_identities` i WHERE i.`member_id` = m.`id` AND i.`unfollowed_at` IS NULL)
  UNION ALL
  SELECT 'push', i.`platform`, CASE WHEN i.`platform` = 'zalo' THEN coalesce(i.`last_inbound_at` / 86400000, -1) ELSE -1 END,
         m.`role`, coalesce(m.`mcn_id`, 0), CASE WHEN i.`platform` = 'telegram' AND i.`private_chat_at` IS NULL THEN 0 ELSE 1 END, count(*)
    FROM `members` m JOIN `chat_identities` i ON i.`member_id` = m.`id` WHERE m.`id` = OLD.`member_id` AND m.`status` = 'active' AND m.`registered_at` IS NOT NULL AND m.`consent_at` IS NOT NULL AND i.`unfollowed_at` IS NULL
    GROUP BY 2, 3, 4, 5, 6
  ) WHERE true
  ON CONFLICT (`kind`, `platform`, `inbound_day`, `role`, `mcn_id`, `private_chat`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `audience_counts_identity_delete_after` AFTER DELETE ON `chat_identities` WHEN OLD.`member_id` IS NOT NULL BEGIN
  INSERT INTO `audience_counts` (`kind`, `platform`, `inbound_day`, `role`, `mcn_id`, `private_chat`, `n`)
  SELECT k, p, d, r, c, pc, n FROM (
  SELECT 'registered' AS k, '*' AS p, -1 AS d, m.`role` AS r, coalesce(m.`mcn_id`, 0) AS c, 1 AS pc, 1 AS n
    FROM `members` m WHERE m.`id` = OLD.`member_id` AND m.`registered_at` IS NOT NULL AND m.`status` <> 'deleted'
  UNION ALL
  SELECT 'registered', i.`platform`, -1, m.`role`, coalesce(m.`mcn_id`, 0), 1, count(DISTINCT m.`id`)
    FROM `members` m JOIN `chat_identities` i ON i.`member_id` = m.`id` WHERE m.`id` = OLD.`member_id` AND m.`registered_at` IS NOT NULL AND m.`status` <> 'deleted'
    GROUP BY i.`platform`, m.`role`, m.`mcn_id`
  UNION ALL
  SELECT 'push', '*', -1, m.`role`, coalesce(m.`mcn_id`, 0), 1, 1
    FROM `members` m WHERE m.`id` = OLD.`member_id` AND m.`status` = 'active' AND m.`registered_at` IS NOT NULL AND m.`consent_at` IS NOT NULL
      AND EXISTS (SELECT 1 FROM `chat_identities` i WHERE i.`member_id` = m.`id` AND i.`unfollowed_at` IS NULL)
  UNION ALL
  SELECT 'push', i.`platform`, CASE WHEN i.`platform` = 'zalo' THEN coalesce(i.`last_inbound_at` / 86400000, -1) ELSE -1 END,
         m.`role`, coalesce(m.`mcn_id`, 0), CASE WHEN i.`platform` = 'telegram' AND i.`private_chat_at` IS NULL THEN 0 ELSE 1 END, count(*)
    FROM `members` m JOIN `chat_identities` i ON i.`member_id` = m.`id` WHERE m.`id` = OLD.`member_id` AND m.`status` = 'active' AND m.`registered_at` IS NOT NULL AND m.`consent_at` IS NOT NULL AND i.`unfollowed_at` IS NULL
    GROUP BY 2, 3, 4, 5, 6
  ) WHERE true
  ON CONFLICT (`kind`, `platform`, `inbound_day`, `role`, `mcn_id`, `private_chat`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `audience_counts_identity_update_before` BEFORE UPDATE OF `member_id`, `platform`, `unfollowed_at`, `private_chat_at`, `last_inbound_at` ON `chat_identities`
WHEN OLD.`member_id` IS NOT NEW.`member_id` OR OLD.`platform` IS NOT NEW.`platform` OR (OLD.`unfollowed_at` IS NULL) <> (NEW.`unfollowed_at` IS NULL) OR (OLD.`private_chat_at` IS NULL) <> (NEW.`private_chat_at` IS NULL) OR coalesce(OLD.`last_inbound_at` / 86400000, -1) <> coalesce(NEW.`last_inbound_at` / 86400000, -1)
BEGIN
  INSERT INTO `audience_counts` (`kind`, `platform`, `inbound_day`, `role`, `mcn_id`, `private_chat`, `n`)
  SELECT k, p, d, r, c, pc, -n FROM (
  SELECT 'registered' AS k, '*' AS p, -1 AS d, m.`role` AS r, coalesce(m.`mcn_id`, 0) AS c, 1 AS pc, 1 AS n
    FROM `members` m WHERE m.`id` IN (OLD.`member_id`, NEW.`member_id`) AND m.`registered_at` IS NOT NULL AND m.`status` <> 'deleted'
  UNION ALL
  SELECT 'registered', i.`platform`, -1, m.`role`, coalesce(m.`mcn_id`, 0), 1, count(DISTINCT m.`id`)
    FROM `members` m JOIN `chat_identities` i ON i.`member_id` = m.`id` WHERE m.`id` IN (OLD.`member_id`, NEW.`member_id`) AND m.`registered_at` IS NOT NULL AND m.`status` <> 'deleted'
    GROUP BY i.`platform`, m.`role`, m.`mcn_id`
  UNION ALL
  SELECT 'push', '*', -1, m.`role`, coalesce(m.`mcn_id`, 0), 1, 1
    FROM `members` m WHERE m.`id` IN (OLD.`member_id`, NEW.`member_id`) AND m.`status` = 'active' AND m.`registered_at` IS NOT NULL AND m.`consent_at` IS NOT NULL
      AND EXISTS (SELECT 1 FROM `chat_identities` i WHERE i.`member_id` = m.`id` AND i.`unfollowed_at` IS NULL)
  UNION ALL
  SELECT 'push', i.`platform`, CASE WHEN i.`platform` = 'zalo' THEN coalesce(i.`last_inbound_at` / 86400000, -1) ELSE -1 END,
         m.`role`, coalesce(m.`mcn_id`, 0), CASE WHEN i.`platform` = 'telegram' AND i.`private_chat_at` IS NULL THEN 0 ELSE 1 END, count(*)
    FROM `members` m JOIN `chat_identities` i ON i.`member_id` = m.`id` WHERE m.`id` IN (OLD.`member_id`, NEW.`member_id`) AND m.`status` = 'active' AND m.`registered_at` IS NOT NULL AND m.`consent_at` IS NOT NULL AND i.`unfollowed_at` IS NULL
    GROUP BY 2, 3, 4, 5, 6
  ) WHERE true
  ON CONFLICT (`kind`, `platform`, `inbound_day`, `role`, `mcn_id`, `private_chat`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `audience_counts_identity_update_after` AFTER UPDATE OF `member_id`, `platform`, `unfollowed_at`, `private_chat_at`, `last_inbound_at` ON `chat_identities`
WHEN OLD.`member_id` IS NOT NEW.`member_id` OR OLD.`platform` IS NOT NEW.`platform` OR (OLD.`unfollowed_at` IS NULL) <> (NEW.`unfollowed_at` IS NULL) OR (OLD.`private_chat_at` IS NULL) <> (NEW.`private_chat_at` IS NULL) OR coalesce(OLD.`last_inbound_at` / 86400000, -1) <> coalesce(NEW.`last_inbound_at` / 86400000, -1)
BEGIN
  INSERT INTO `audience_counts` (`kind`, `platform`, `inbound_day`, `role`, `mcn_id`, `private_chat`, `n`)
  SELECT k, p, d, r, c, pc, n FROM (
  SELECT 'registered' AS k, '*' AS p, -1 AS d, m.`role` AS r, coalesce(m.`mcn_id`, 0) AS c, 1 AS pc, 1 AS n
    FROM `members` m WHERE m.`id` IN (OLD.`member_id`, NEW.`member_id`) AND m.`registered_at` IS NOT NULL AND m.`status` <> 'deleted'
  UNION ALL
  SELECT 'registered', i.`platform`, -1, m.`role`, coalesce(m.`mcn_id`, 0), 1, count(DISTINCT m.`id`)
    FROM `members` m JOIN `chat_identities` i ON i.`member_id` = m.`id` WHERE m.`id` IN (OLD.`member_id`, NEW.`member_id`) AND m.`registered_at` IS NOT NULL AND m.`status` <> 'deleted'
    GROUP BY i.`platform`, m.`role`, m.`mcn_id`
  UNION ALL
  SELECT 'push', '*', -1, m.`role`, coalesce(m.`mcn_id`, 0), 1, 1
    FROM `members` m WHERE m.`id` IN (OLD.`member_id`, NEW.`member_id`) AND m.`status` = 'active' AND m.`registered_at` IS NOT NULL AND m.`consent_at` IS NOT NULL
      AND EXISTS (SELECT 1 FROM `chat_identities` i WHERE i.`member_id` = m.`id` AND i.`unfollowed_at` IS NULL)
  UNION ALL
  SELECT 'push', i.`platform`, CASE WHEN i.`platform` = 'zalo' THEN coalesce(i.`last_inbound_at` / 86400000, -1) ELSE -1 END,
         m.`role`, coalesce(m.`mcn_id`, 0), CASE WHEN i.`platform` = 'telegram' AND i.`private_chat_at` IS NULL THEN 0 ELSE 1 END, count(*)
    FROM `members` m JOIN `chat_identities` i ON i.`member_id` = m.`id` WHERE m.`id` IN (OLD.`member_id`, NEW.`member_id`) AND m.`status` = 'active' AND m.`registered_at` IS NOT NULL AND m.`consent_at` IS NOT NULL AND i.`unfollowed_at` IS NULL
    GROUP BY 2, 3, 4, 5, 6
  ) WHERE true
  ON CONFLICT (`kind`, `platform`, `inbound_day`, `role`, `mcn_id`, `private_chat`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
-- 4. Outbox rows.
CREATE TRIGGER `outbox_counts_insert` AFTER INSERT ON `outbox` BEGIN
  INSERT INTO `outbox_counts` (`ref`, `part`, `platform`, `status`, `reason`, `n`) VALUES (NEW.`ref`, substr(NEW.`idempotency_key`, length(NEW.`ref`) + 2, max(0, instr(NEW.`idempotency_key`, ':member:') - length(NEW.`ref`) - 2)), NEW.`platform`, NEW.`status`, coalesce(NEW.`last_error`, ''), 1)
  ON CONFLICT (`ref`, `part`, `platform`, `status`, `reason`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `outbox_counts_delete` AFTER DELETE ON `outbox` BEGIN
  INSERT INTO `outbox_counts` (`ref`, `part`, `platform`, `status`, `reason`, `n`) VALUES (OLD.`ref`, substr(OLD.`idempotency_key`, length(OLD.`ref`) + 2, max(0, instr(OLD.`idempotency_key`, ':member:') - length(OLD.`ref`) - 2)), OLD.`platform`, OLD.`status`, coalesce(OLD.`last_error`, ''), -1)
  ON CONFLICT (`ref`, `part`, `platform`, `status`, `reason`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `outbox_counts_update` AFTER UPDATE OF `ref`, `idempotency_key`, `platform`, `status`, `last_error` ON `outbox`
WHEN OLD.`ref` IS NOT NEW.`ref` OR OLD.`idempotency_key` IS NOT NEW.`idempotency_key` OR OLD.`platform` IS NOT NEW.`platform` OR OLD.`status` IS NOT NEW.`status` OR OLD.`last_error` IS NOT NEW.`last_error`
BEGIN
  INSERT INTO `outbox_counts` (`ref`, `part`, `platform`, `status`, `reason`, `n`) VALUES (OLD.`ref`, substr(OLD.`idempotency_key`, length(OLD.`ref`) + 2, max(0, instr(OLD.`idempotency_key`, ':member:') - length(OLD.`ref`) - 2)), OLD.`platform`, OLD.`status`, coalesce(OLD.`last_error`, ''), -1)
  ON CONFLICT (`ref`, `part`, `platform`, `status`, `reason`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `outbox_counts` (`ref`, `part`, `platform`, `status`, `reason`, `n`) VALUES (NEW.`ref`, substr(NEW.`idempotency_key`, length(NEW.`ref`) + 2, max(0, instr(NEW.`idempotency_key`, ':member:') - length(NEW.`ref`) - 2)), NEW.`platform`, NEW.`status`, coalesce(NEW.`last_error`, ''), 1)
  ON CONFLICT (`ref`, `part`, `platform`, `status`, `reason`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
