using System.ComponentModel.DataAnnotations;

namespace Commitments.Domain;

/// <summary>A source document: the Bletchley Declaration, the Safety Testing statement, and so on.</summary>
public sealed record Instrument(string Code, string Title, string AdoptedOn, string? Description);

/// <summary>
/// A participant's endorsement of an instrument: its date (yyyy-MM-dd) when known, and when the catalogue recorded it.
/// A report as of a time reads the endorsements the record held then.
/// </summary>
public sealed record Endorsement(string InstrumentCode, [property: DataType(DataType.Date)] string? EndorsedOn, EndorsementBasis Basis, DateTime? RecordedAt = null);

public sealed record Participant(
    string Id,
    string Name,
    ParticipantKind Kind,
    string? ParentId,
    string? HomeGovernment,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<Endorsement> Endorsements);

public sealed record Commitment(string Id, string InstrumentCode, string ParagraphRef, AppliesTo AppliesTo, string Title);

/// <summary>A reporting cycle: when updates open, are due, and the grace period after it.</summary>
public sealed record Cycle(
    string Id,
    string Title,
    DateTime OpensAt,
    DateTime DueAt,
    DateTime GraceUntil,
    CycleState State,
    string? SessionOn,
    IReadOnlyList<string> Instruments)
{
    public CycleDates Dates => new(OpensAt, DueAt, GraceUntil, State == CycleState.Closed);
}
