using Commitments.Infrastructure.Data;

namespace Commitments.Infrastructure.Catalogue;

/// <summary>Every statement the catalogue runs, spelt for one dialect (the SQL Server spelling is parsed in a test).</summary>
public sealed class CatalogueSql(SqlDialect d)
{
    private const string InstrumentColumns =
        "code AS Code, title AS Title, adopted_on AS AdoptedOn, description AS Description, kind AS Kind, source_url AS SourceUrl, "
        + "edition_label AS EditionLabel, edition_on AS EditionOn, edition_checked_on AS EditionCheckedOn";
    public string Instruments => $"SELECT {InstrumentColumns} FROM instruments ORDER BY adopted_on, code";
    public string Instrument => $"SELECT {InstrumentColumns} FROM instruments WHERE code = @Code";

    private const string CommitmentColumns =
        "id AS Id, instrument_code AS InstrumentCode, paragraph_ref AS ParagraphRef, applies_to AS AppliesTo, title AS Title, quotation AS Quotation, source_url AS SourceUrl, "
        + "quoted_from AS QuotedFrom, retired AS Retired";
    public string Commitments => $"""
        SELECT {CommitmentColumns} FROM commitments
        WHERE (@Instrument IS NULL OR instrument_code = @Instrument) AND (@AppliesTo IS NULL OR applies_to = @AppliesTo)
        ORDER BY position
        """;
    public string Commitment => $"SELECT {CommitmentColumns} FROM commitments WHERE id = @Id";
    /// <summary>The commitment an old id now names (it was renumbered), if any.</summary>
    public string CommitmentIdOfAlias => "SELECT commitment_id FROM commitment_aliases WHERE alias = @Alias";
    public string AllCommitmentAliases => "SELECT alias AS Alias, commitment_id AS CommitmentId FROM commitment_aliases ORDER BY commitment_id, alias";
    public string InsertCommitmentAlias => "INSERT INTO commitment_aliases (alias, commitment_id) VALUES (@Alias, @CommitmentId)";
    public string InsertCommitment => """
        INSERT INTO commitments (id, instrument_code, paragraph_ref, position, applies_to, title, quotation, source_url, quoted_from, retired,
            created_at, updated_at)
        SELECT @Id, @InstrumentCode, @ParagraphRef, COALESCE(MAX(position), 0) + 1, @AppliesTo, @Title, @Quotation, @SourceUrl, @QuotedFrom, @Retired,
            @Now, @Now
        FROM commitments
        """;
    public string UpdateCommitment => """
        UPDATE commitments SET paragraph_ref = @ParagraphRef, applies_to = @AppliesTo, title = @Title, quotation = @Quotation,
            source_url = @SourceUrl, quoted_from = @QuotedFrom, retired = @Retired, updated_at = @Now
        WHERE id = @Id
        """;

    private const string ParticipantColumns =
        "id AS Id, name AS Name, kind AS Kind, parent_id AS ParentId, home_government AS HomeGovernment, reports_through_parent AS ReportsThroughParent";
    public string Participants => $"SELECT {ParticipantColumns} FROM participants WHERE (@Kind IS NULL OR kind = @Kind) ORDER BY kind, id";
    public string Participant => $"SELECT {ParticipantColumns} FROM participants WHERE id = @Id";
    public string AllAliases => "SELECT participant_id AS ParticipantId, alias AS Alias FROM participant_aliases ORDER BY participant_id, alias";
    public string Aliases => "SELECT participant_id AS ParticipantId, alias AS Alias FROM participant_aliases WHERE participant_id = @Id ORDER BY alias";
    private const string EndorsementColumns =
        "participant_id AS ParticipantId, instrument_code AS InstrumentCode, endorsed_on AS EndorsedOn, basis AS Basis, recorded_at AS RecordedAt, "
        + "date_precision AS DatePrecision, covers AS Covers";
    /// <summary>The endorsements the catalogue holds now: retracted ones are kept for earlier as-of reports, not shown.</summary>
    public string AllEndorsements => $"SELECT {EndorsementColumns} FROM endorsements WHERE retracted_at IS NULL ORDER BY participant_id, instrument_code";
    public string Endorsements => $"SELECT {EndorsementColumns} FROM endorsements WHERE participant_id = @Id AND retracted_at IS NULL ORDER BY instrument_code";
    /// <summary>The endorsements the catalogue held at @AsOf: recorded by then and not yet retracted.</summary>
    public string EndorsementsAsOf => $"""
        SELECT {EndorsementColumns} FROM endorsements
        WHERE recorded_at <= @AsOf AND (retracted_at IS NULL OR retracted_at > @AsOf)
        ORDER BY participant_id, instrument_code
        """;
    public string InsertParticipant => """
        INSERT INTO participants (id, name, kind, parent_id, home_government, reports_through_parent, created_at, updated_at)
        VALUES (@Id, @Name, @Kind, @ParentId, @HomeGovernment, @ReportsThroughParent, @Now, @Now)
        """;
    public string UpdateParticipant => """
        UPDATE participants SET name = @Name, parent_id = @ParentId, home_government = @HomeGovernment,
            reports_through_parent = @ReportsThroughParent, updated_at = @Now
        WHERE id = @Id
        """;
    public string InsertAlias => "INSERT INTO participant_aliases (participant_id, alias) VALUES (@ParticipantId, @Alias)";
    public string DeleteAliases => "DELETE FROM participant_aliases WHERE participant_id = @Id";
    public string InsertEndorsement => """
        INSERT INTO endorsements (participant_id, instrument_code, endorsed_on, basis, recorded_at, retracted_at, date_precision, covers)
        VALUES (@ParticipantId, @InstrumentCode, @EndorsedOn, @Basis, @RecordedAt, NULL, @DatePrecision, @Covers)
        """;
    public string RetractEndorsement => """
        UPDATE endorsements SET retracted_at = @Now
        WHERE participant_id = @ParticipantId AND instrument_code = @InstrumentCode AND retracted_at IS NULL
        """;

    private const string CycleColumns =
        "id AS Id, title AS Title, opens_at AS OpensAt, due_at AS DueAt, grace_until AS GraceUntil, state AS State, session_on AS SessionOn, description AS Description";
    public string Cycles => $"SELECT {CycleColumns} FROM cycles ORDER BY opens_at, id";
    public string Cycle => $"SELECT {CycleColumns} FROM cycles WHERE id = @Id";
    public string AllCycleInstruments => "SELECT cycle_id AS CycleId, instrument_code AS InstrumentCode FROM cycle_instruments ORDER BY cycle_id, instrument_code";
    public string CycleInstruments => "SELECT cycle_id AS CycleId, instrument_code AS InstrumentCode FROM cycle_instruments WHERE cycle_id = @Id ORDER BY instrument_code";
    public string InsertCycle => """
        INSERT INTO cycles (id, title, opens_at, due_at, grace_until, state, session_on, description, created_at, updated_at)
        VALUES (@Id, @Title, @OpensAt, @DueAt, @GraceUntil, @State, @SessionOn, @Description, @Now, @Now)
        """;
    public string UpdateCycle => """
        UPDATE cycles SET title = @Title, opens_at = @OpensAt, due_at = @DueAt, grace_until = @GraceUntil, state = @State,
            session_on = @SessionOn, description = @Description, updated_at = @Now
        WHERE id = @Id
        """;
    public string InsertCycleInstrument => "INSERT INTO cycle_instruments (cycle_id, instrument_code) VALUES (@CycleId, @InstrumentCode)";
    public string DeleteCycleInstruments => "DELETE FROM cycle_instruments WHERE cycle_id = @Id";

    public string InsertInstrument => """
        INSERT INTO instruments (code, title, adopted_on, description, kind, source_url, edition_label, edition_on, edition_checked_on)
        VALUES (@Code, @Title, @AdoptedOn, @Description, @Kind, @SourceUrl, @EditionLabel, @EditionOn, @EditionCheckedOn)
        """;
    public string UpdateInstrument => """
        UPDATE instruments SET title = @Title, adopted_on = @AdoptedOn, description = @Description, kind = @Kind, source_url = @SourceUrl,
            edition_label = @EditionLabel, edition_on = @EditionOn, edition_checked_on = @EditionCheckedOn
        WHERE code = @Code
        """;

    public string SeedRun => $"SELECT {d.Top("1")} name FROM seed_runs WHERE name = @Name {d.Limit("1")}";
    public string InsertSeedRun => "INSERT INTO seed_runs (name, applied_at) VALUES (@Name, @Now)";
}
