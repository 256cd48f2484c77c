using System.ComponentModel.DataAnnotations;

namespace Commitments.Domain;

/// <summary>
/// A source document: the Bletchley Declaration, the Safety Testing statement, and so on; what kind of text it is (an agreed
/// text its endorsers signed, or a chair's statement of a session they took part in), where it is published, and which
/// edition of that page the catalogue transcribes.
/// </summary>
public sealed record Instrument(
    string Code, string Title, string AdoptedOn, string? Description, InstrumentKind Kind = InstrumentKind.AgreedText, string? SourceUrl = null,
    SourceEdition? Edition = null);

/// <summary>
/// The edition of a source page the catalogue was checked against: the page's own "published" or "updated" line and its date
/// (both null when the print carries none), and the day the catalogue was checked against it. A new edition (a new signatory)
/// is traced by a new version of the instrument.
/// </summary>
public sealed record SourceEdition(string? Label, [property: DataType(DataType.Date)] string? On, [property: DataType(DataType.Date)] string CheckedOn);

/// <summary>
/// A participant's endorsement of an instrument: its date (yyyy-MM-dd) when known, with its precision (on that day, or by
/// then), and when the catalogue recorded it. <paramref name="Covers"/> names the commitments it binds the participant to
/// when a text says it binds only those (every country attending the summit agreed to CS-3 alone); null: all of the
/// instrument's. A report as of a time reads the endorsements the record held then.
/// </summary>
public sealed record Endorsement(string InstrumentCode, [property: DataType(DataType.Date)] string? EndorsedOn, EndorsementBasis Basis, DateTime? RecordedAt = null,
    DatePrecision Precision = DatePrecision.On, IReadOnlyList<string>? Covers = null)
{
    /// <summary>Whether it binds its participant to the commitment (of its instrument).</summary>
    public bool Binds(string commitmentId) => Covers is null || Covers.Contains(commitmentId);

    /// <summary>Records compare their lists by reference; two endorsements are the same when their facts are.</summary>
    public bool SameFacts(Endorsement other) =>
        InstrumentCode == other.InstrumentCode && EndorsedOn == other.EndorsedOn && Basis == other.Basis && Precision == other.Precision
        && (Covers ?? []).SequenceEqual(other.Covers ?? []) && (Covers is null) == (other.Covers is null);
}

/// <summary>
/// A government, international organisation or company. <paramref name="HomeGovernment"/> is a company's headquarters
/// country (the "home government" commitments II and VII name), where a public source states it. A participant that
/// <paramref name="ReportsThroughParent"/> is covered by its parent's updates and leaves every denominator.
/// </summary>
public sealed record Participant(
    string Id,
    string Name,
    ParticipantKind Kind,
    string? ParentId,
    string? HomeGovernment,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<Endorsement> Endorsements,
    bool ReportsThroughParent = false);

/// <summary>
/// What an instrument asks of the participants it applies to: a short title of our own, the source's own words
/// (<paramref name="Quotation"/>, with an ellipsis wherever cut), where they are published (<paramref name="SourceUrl"/>) and
/// where in the text (<paramref name="ParagraphRef"/>, saying what it counts). <paramref name="QuotedFrom"/> names the
/// secondary source the wording was taken from when the primary text could not be read; null: quoted from the text itself.
/// A <paramref name="Retired"/> commitment stays for history (and for what was filed against it) but is nobody's obligation;
/// <paramref name="Aliases"/> are ids it was known by before it was renumbered.
/// </summary>
public sealed record Commitment(
    string Id, string InstrumentCode, string ParagraphRef, AppliesTo AppliesTo, string Title,
    string? Quotation = null, string? SourceUrl = null, string? QuotedFrom = null, bool Retired = false,
    IReadOnlyList<string>? Aliases = null)
{
    /// <summary>Records compare their lists by reference; two versions are the same when their facts are.</summary>
    public bool SameFacts(Commitment other) =>
        this with { Aliases = null } == other with { Aliases = null } && (Aliases ?? []).SequenceEqual(other.Aliases ?? []);
}

/// <summary>A reporting cycle: when updates open, are due, and the grace period after it; its description says which dates are illustrative.</summary>
public sealed record Cycle(
    string Id,
    string Title,
    DateTime OpensAt,
    DateTime DueAt,
    DateTime GraceUntil,
    CycleState State,
    string? SessionOn,
    IReadOnlyList<string> Instruments,
    string? Description = null)
{
    public CycleDates Dates => new(OpensAt, DueAt, GraceUntil, State == CycleState.Closed);
}
