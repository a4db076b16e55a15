CREATE INDEX `messages_channel_created` ON `messages` (`channel_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `messages_created` ON `messages` (`created_at`);
--> statement-breakpoint
-- Search (server/messages/sql-search.ts): an FTS5 index over messages.body with the trigram
-- tokenizer, so any substring of 3 or more characters is matched through the index, Korean
-- included (과제물 finds 과제물, 지난주과제 is found by 주과제). External content: the text
-- stays in messages only; the triggers below keep the index in step with every insert, edit,
-- soft delete (body set to "") and channel delete. Hand-written here (drizzle-kit does not
-- model virtual tables); after a VACUUM that renumbers rowids, rebuild it with
-- INSERT INTO messages_fts(messages_fts) VALUES('rebuild').
CREATE VIRTUAL TABLE `messages_fts` USING fts5(body, content='messages', content_rowid='rowid', tokenize='trigram case_sensitive 0');
--> statement-breakpoint
CREATE TRIGGER `messages_fts_insert` AFTER INSERT ON `messages` BEGIN
  INSERT INTO messages_fts(rowid, body) VALUES (new.rowid, new.body);
END;
--> statement-breakpoint
CREATE TRIGGER `messages_fts_delete` AFTER DELETE ON `messages` BEGIN
  INSERT INTO messages_fts(messages_fts, rowid, body) VALUES ('delete', old.rowid, old.body);
END;
--> statement-breakpoint
CREATE TRIGGER `messages_fts_update` AFTER UPDATE OF body ON `messages` BEGIN
  INSERT INTO messages_fts(messages_fts, rowid, body) VALUES ('delete', old.rowid, old.body);
  INSERT INTO messages_fts(rowid, body) VALUES (new.rowid, new.body);
END;
--> statement-breakpoint
-- Messages stored before this migration.
INSERT INTO messages_fts(messages_fts) VALUES ('rebuild');
