using System.ComponentModel.DataAnnotations;

namespace Commitments.Api.Features.Catalogue;

/// <summary>A source document of the Bletchley process: an agreed text its endorsers signed, or a chair's statement of a session.</summary>
/// <param name="Code">Our code, e.g. BD.</param>
/// <param name="Title">Its published title.</param>
/// <param name="AdoptedOn">When it was agreed or published (yyyy-MM-dd).</param>
/// <param name="Description">Where and how it was agreed.</param>
/// <param name="Kind">agreed_text (signed or joined) or chairs_statement (a session its participants took part in; nobody signed it).</param>
/// <param name="SourceUrl">Where the text is published (gov.uk or the publishing government's site).</param>
/// <param name="Edition">The edition of the source page the catalogue was checked against; null when none was recorded.</param>
public sealed record InstrumentDto(string Code, string Title, [property: DataType(DataType.Date)] string AdoptedOn, string? Description, InstrumentKind Kind,
    [property: DataType(DataType.Url)] string? SourceUrl, SourceEditionDto? Edition)
{
    public static InstrumentDto From(Instrument i) => new(i.Code, i.Title, i.AdoptedOn, i.Description, i.Kind, i.SourceUrl, SourceEditionDto.From(i.Edition));
}

/// <summary>The edition of a source page the catalogue transcribes.</summary>
/// <param name="Label">The page's own edition line, "published" or "updated"; null when the print carries none.</param>
/// <param name="On">The date on that line (yyyy-MM-dd); null when there is none.</param>
/// <param name="CheckedOn">When the catalogue was checked against that edition (yyyy-MM-dd).</param>
public sealed record SourceEditionDto(string? Label, [property: DataType(DataType.Date)] string? On, [property: DataType(DataType.Date)] string CheckedOn)
{
    public static SourceEditionDto? From(SourceEdition? e) => e is null ? null : new(e.Label, e.On, e.CheckedOn);
}

/// <summary>One commitment: what an instrument asks of the participants it applies to, in the source's own words.</summary>
/// <param name="Id">Our id, e.g. BD-5 or FAISC-VII.</param>
/// <param name="Instrument">Code of the instrument it comes from.</param>
/// <param name="ParagraphRef">Where in the source, saying what it counts, e.g. "para 5 (unnumbered paragraphs counted from the first)".</param>
/// <param name="AppliesTo">Whom it binds.</param>
/// <param name="Title">Our short paraphrase.</param>
/// <param name="Quotation">The source's own words, word for word, with an ellipsis (…) wherever cut.</param>
/// <param name="SourceUrl">Where the source is published.</param>
/// <param name="QuotedFrom">The secondary source the wording was taken from when the text itself was not found; null: quoted from the text.</param>
/// <param name="Retired">True for a commitment kept for the record (and what was filed against it) that is nobody's obligation any more.</param>
/// <param name="Aliases">Ids it was known by before it was renumbered; GET /v1/commitments/{old id} finds it when no commitment has that id.</param>
public sealed record CommitmentDto(
    string Id, string Instrument, string ParagraphRef, AppliesTo AppliesTo, string Title, string? Quotation,
    [property: DataType(DataType.Url)] string? SourceUrl, string? QuotedFrom, bool Retired, IReadOnlyList<string> Aliases)
{
    public static CommitmentDto From(Commitment c) =>
        new(c.Id, c.InstrumentCode, c.ParagraphRef, c.AppliesTo, c.Title, c.Quotation, c.SourceUrl, c.QuotedFrom, c.Retired, c.Aliases ?? []);
}

/// <summary>How a participant relates to an instrument.</summary>
/// <param name="Instrument">The instrument's code.</param>
/// <param name="EndorsedOn">When (yyyy-MM-dd); null when the date is unknown (then it counts from when the catalogue recorded it).</param>
/// <param name="Basis">original (signed when agreed), joined_later, or took_part (in the session a chair's statement records).</param>
/// <param name="DatePrecision">on (endorsed that day) or by (by that day at the latest: a list published then names it).</param>
/// <param name="Covers">The commitments of the instrument it binds the participant to, when a text says only those; null: all of them.</param>
public sealed record EndorsementDto(string Instrument, [property: DataType(DataType.Date)] string? EndorsedOn, EndorsementBasis Basis,
    DatePrecision DatePrecision, IReadOnlyList<string>? Covers)
{
    public static EndorsementDto From(Endorsement e) => new(e.InstrumentCode, e.EndorsedOn, e.Basis, e.Precision, e.Covers);
}

/// <summary>A government, international organisation or company, with the instruments it endorsed.</summary>
/// <param name="Id">ISO 3166-1 alpha-2 for a government, a short code for an international organisation, a slug for a company.</param>
/// <param name="Name">Display name.</param>
/// <param name="Kind">government, international_organisation or company.</param>
/// <param name="ParentId">For a company, its parent in the same corporate group, if any.</param>
/// <param name="HomeGovernment">For a company, its headquarters country (ISO 3166-1 alpha-2), where a public source states it.</param>
/// <param name="Aliases">Other names used in instruments.</param>
/// <param name="Endorsements">The instruments it signed, joined or took part in.</param>
/// <param name="ReportsThroughParent">True when its parent's updates cover it: it has no obligations of its own and leaves every denominator.</param>
public sealed record ParticipantDto(
    string Id, string Name, ParticipantKind Kind, string? ParentId, string? HomeGovernment,
    IReadOnlyList<string> Aliases, IReadOnlyList<EndorsementDto> Endorsements, bool ReportsThroughParent)
{
    public static ParticipantDto From(Participant p) => new(p.Id, p.Name, p.Kind, p.ParentId, p.HomeGovernment, p.Aliases,
        p.Endorsements.Select(EndorsementDto.From).ToList(), p.ReportsThroughParent);
}

/// <summary>A reporting cycle: its dates (UTC), state and the instruments in scope.</summary>
/// <param name="Id">A lower-case slug, e.g. seoul-2024.</param>
/// <param name="Title">What the cycle reports to.</param>
/// <param name="OpensAt">When liaisons may start filing.</param>
/// <param name="DueAt">Updates first submitted by then are on time.</param>
/// <param name="GraceUntil">After it, an obligation with nothing submitted is missing.</param>
/// <param name="State">planned, open or closed.</param>
/// <param name="SessionOn">Date of the session the cycle feeds (yyyy-MM-dd).</param>
/// <param name="Instruments">Instrument codes in scope.</param>
/// <param name="Description">What the cycle is for, and which of its dates are illustrative (no public source gives them).</param>
public sealed record CycleDto(
    string Id, string Title, DateTime OpensAt, DateTime DueAt, DateTime GraceUntil, CycleState State, [property: DataType(DataType.Date)] string? SessionOn,
    IReadOnlyList<string> Instruments, string? Description)
{
    public static CycleDto From(Cycle c) => new(c.Id, c.Title, c.OpensAt, c.DueAt, c.GraceUntil, c.State, c.SessionOn, c.Instruments, c.Description);
}
