-- A catalogue the secretariat can cite: each instrument says what kind of text it is and where it is published; each
-- commitment carries the source's own words and their address; a participant may report through its parent; a cycle
-- says which of its dates are illustrative. Each catalogue version records who wrote it ('seed' or the API), so a later
-- seed step changes only what the secretariat has not edited.
ALTER TABLE instruments ADD kind NVARCHAR(32) NOT NULL CONSTRAINT df_instruments_kind DEFAULT 'agreed_text';
GO
ALTER TABLE instruments ADD source_url NVARCHAR(2000) NULL;
GO
ALTER TABLE commitments ALTER COLUMN paragraph_ref NVARCHAR(200) NOT NULL;
GO
ALTER TABLE commitments ADD quotation NVARCHAR(2000) NULL, source_url NVARCHAR(2000) NULL;
GO
ALTER TABLE participants ADD reports_through_parent BIT NOT NULL CONSTRAINT df_participants_reports_through_parent DEFAULT 0;
GO
ALTER TABLE cycles ADD description NVARCHAR(2000) NULL;
GO
ALTER TABLE catalogue_versions ADD recorded_by NVARCHAR(64) NULL;
GO
