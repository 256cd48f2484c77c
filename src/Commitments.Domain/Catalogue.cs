using System.ComponentModel.DataAnnotations;

namespace Commitments.Domain;

/// <summary>
/// A source document: the Bletchley Declaration, the Safety Testing statement, and so on; what kind of text it is (an agreed
/// text its endorsers signed, or a chair's statement of a session they took part in) and where it is published.
/// </summary>
public sealed record Instrument(
    string Code, string Title, string AdoptedOn, string? Description, InstrumentKind Kind = InstrumentKind.AgreedText, string? SourceUrl = null);

/// <summary>
/// A participant's endorsement of an instrument: its date (yyyy-MM-dd) when known, and when the catalogue recorded it.
/// A report as of a time reads the endorsements the record held then.
/// </summary>
public sealed record Endorsement(string InstrumentCode, [property: DataType(DataType.Date)] string? EndorsedOn, EndorsementBasis Basis, DateTime? RecordedAt = null);

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
/// (<paramref name="Quotation"/>), where they are published (<paramref name="SourceUrl"/>) and where in the text
/// (<paramref name="ParagraphRef"/>, saying what it counts).
/// </summary>
public sealed record Commitment(
    string Id, string InstrumentCode, string ParagraphRef, AppliesTo AppliesTo, string Title,
    string? Quotation = null, string? SourceUrl = null);

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
