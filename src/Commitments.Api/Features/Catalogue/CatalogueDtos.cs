using System.ComponentModel.DataAnnotations;

namespace Commitments.Api.Features.Catalogue;

/// <summary>A source document of the Bletchley process.</summary>
public sealed record InstrumentDto(string Code, string Title, [property: DataType(DataType.Date)] string AdoptedOn, string? Description)
{
    public static InstrumentDto From(Instrument i) => new(i.Code, i.Title, i.AdoptedOn, i.Description);
}

/// <summary>One commitment: what an instrument asks of the participants it applies to.</summary>
public sealed record CommitmentDto(string Id, string Instrument, string ParagraphRef, AppliesTo AppliesTo, string Title)
{
    public static CommitmentDto From(Commitment c) => new(c.Id, c.InstrumentCode, c.ParagraphRef, c.AppliesTo, c.Title);
}

public sealed record EndorsementDto(string Instrument, [property: DataType(DataType.Date)] string? EndorsedOn, EndorsementBasis Basis);

/// <summary>A government, international organisation or company, with the instruments it endorsed.</summary>
public sealed record ParticipantDto(
    string Id, string Name, ParticipantKind Kind, string? ParentId, string? HomeGovernment,
    IReadOnlyList<string> Aliases, IReadOnlyList<EndorsementDto> Endorsements)
{
    public static ParticipantDto From(Participant p) => new(p.Id, p.Name, p.Kind, p.ParentId, p.HomeGovernment, p.Aliases,
        p.Endorsements.Select(e => new EndorsementDto(e.InstrumentCode, e.EndorsedOn, e.Basis)).ToList());
}

/// <summary>A reporting cycle: its dates (UTC), state and the instruments in scope.</summary>
public sealed record CycleDto(
    string Id, string Title, DateTime OpensAt, DateTime DueAt, DateTime GraceUntil, CycleState State, [property: DataType(DataType.Date)] string? SessionOn,
    IReadOnlyList<string> Instruments)
{
    public static CycleDto From(Cycle c) => new(c.Id, c.Title, c.OpensAt, c.DueAt, c.GraceUntil, c.State, c.SessionOn, c.Instruments);
}
