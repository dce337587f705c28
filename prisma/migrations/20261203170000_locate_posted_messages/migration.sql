-- Data only: the messages posted before messages were located (PostedMessage) whose place the
-- platform already kept — alert pages and France Travail requests (AlertMessage), action messages
-- and agenda items (channel, ts) — are located now, so that an erasure or the end of a retention
-- period updates them too. Other messages posted before this version cannot be found again.

INSERT INTO "PostedMessage" ("id", "channel", "ts", "kind", "data", "showsContacts")
SELECT gen_random_uuid()::text, m."channel", m."ts", m."kind", jsonb_build_object('alertId', m."alertId"), true
  FROM "AlertMessage" m
 WHERE m."channel" IS NOT NULL AND m."ts" IS NOT NULL
ON CONFLICT ("channel", "ts") DO NOTHING;

INSERT INTO "PostedMessageCompany" ("messageId", "companyId")
SELECT p."id", a."companyId"
  FROM "AlertMessage" m
  JOIN "PostedMessage" p ON p."channel" = m."channel" AND p."ts" = m."ts"
  JOIN "RecruitmentAlert" a ON a."id" = m."alertId"
ON CONFLICT DO NOTHING;

INSERT INTO "PostedMessage" ("id", "channel", "ts", "kind", "data", "showsContacts")
SELECT gen_random_uuid()::text, a."channelId", a."messageTs", 'action_message', jsonb_build_object('actionId', a."id"), false
  FROM "Action" a
 WHERE a."channelId" IS NOT NULL AND a."messageTs" IS NOT NULL
ON CONFLICT ("channel", "ts") DO NOTHING;

INSERT INTO "PostedMessageCompany" ("messageId", "companyId")
SELECT p."id", a."companyId"
  FROM "Action" a
  JOIN "PostedMessage" p ON p."channel" = a."channelId" AND p."ts" = a."messageTs"
ON CONFLICT DO NOTHING;

INSERT INTO "PostedMessage" ("id", "channel", "ts", "kind", "data", "showsContacts")
SELECT gen_random_uuid()::text, i."channelId", i."messageTs", 'agenda_item', jsonb_build_object('agendaItemId', i."id"), false
  FROM "AgendaItem" i
 WHERE i."channelId" IS NOT NULL AND i."messageTs" IS NOT NULL
ON CONFLICT ("channel", "ts") DO NOTHING;

INSERT INTO "PostedMessageCompany" ("messageId", "companyId")
SELECT p."id", i."companyId"
  FROM "AgendaItem" i
  JOIN "PostedMessage" p ON p."channel" = i."channelId" AND p."ts" = i."messageTs"
ON CONFLICT DO NOTHING;
