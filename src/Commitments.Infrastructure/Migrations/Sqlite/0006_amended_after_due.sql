-- A submitted update whose content was amended after the due date keeps its first submission's timeliness, but says when
-- it was first amended late, so a placeholder submitted on time cannot pass for the real report.
ALTER TABLE updates ADD COLUMN amended_after_due_at TEXT NULL;
