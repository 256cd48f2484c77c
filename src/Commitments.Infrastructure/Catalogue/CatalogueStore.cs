using Commitments.Domain;
using Commitments.Infrastructure.Data;

namespace Commitments.Infrastructure.Catalogue;

/// <summary>Reads and writes instruments, participants, commitments and cycles.</summary>
public sealed class CatalogueStore(DbSession session)
{
    private readonly CatalogueSql _sql = new(session.Dialect);
    private readonly CatalogueVersions _versions = new(session);

    /// <summary>Versions written from here on count as recorded at this time instead of the write's own (the seed's published date).</summary>
    public DateTime? RecordedFrom { get; init; }

    /// <summary>Who the versions written from here on are recorded by: a seed step's name, or null for the secretariat through the API.</summary>
    public string? RecordedBy { get; init; }

    public CatalogueVersions Versions => _versions;

    private Task<IReadOnlyList<T>> Query<T>(string sql, object? args, CancellationToken ct) => session.QueryAsync<T>(sql, args, ct);
    private Task<T?> One<T>(string sql, object? args, CancellationToken ct) => session.SingleOrDefaultAsync<T>(sql, args, ct);
    private Task<int> Execute(string sql, object? args, CancellationToken ct) => session.ExecuteAsync(sql, args, ct);

    public async Task<IReadOnlyList<Instrument>> InstrumentsAsync(CancellationToken ct) =>
        (await Query<InstrumentRow>(_sql.Instruments, null, ct)).Select(r => r.ToDomain()).ToList();

    public async Task<Instrument?> InstrumentAsync(string code, CancellationToken ct) =>
        (await One<InstrumentRow>(_sql.Instrument, new { Code = code }, ct))?.ToDomain();

    public async Task<IReadOnlyList<Commitment>> CommitmentsAsync(string? instrument, AppliesTo? appliesTo, CancellationToken ct)
    {
        var rows = await Query<CommitmentRow>(_sql.Commitments,
            new { Instrument = instrument, AppliesTo = appliesTo is { } a ? Codes.Of(a) : null }, ct);
        var aliases = (await Query<CommitmentAliasRow>(_sql.AllCommitmentAliases, null, ct)).ToLookup(a => a.CommitmentId, a => a.Alias);
        return rows.Select(r => r.ToDomain(aliases[r.Id].ToList())).ToList();
    }

    /// <summary>The commitment with exactly this id: what filing, links and exemptions name.</summary>
    public Task<Commitment?> CommitmentAsync(string id, CancellationToken ct) => CommitmentAsync(id, aliases: false, ct);

    /// <summary>The commitment with this id, or, when no commitment has it, the one it was renumbered to (an alias): what a reader looks up.</summary>
    public Task<Commitment?> CommitmentOrRenumberedAsync(string id, CancellationToken ct) => CommitmentAsync(id, aliases: true, ct);

    private async Task<Commitment?> CommitmentAsync(string id, bool aliases, CancellationToken ct)
    {
        var row = await One<CommitmentRow>(_sql.Commitment, new { Id = id }, ct);
        if (row is null && aliases && await One<string>(_sql.CommitmentIdOfAlias, new { Alias = id }, ct) is { } renumbered)
            row = await One<CommitmentRow>(_sql.Commitment, new { Id = renumbered }, ct);
        if (row is null) return null;
        var held = (await Query<CommitmentAliasRow>(_sql.AllCommitmentAliases, null, ct)).Where(a => a.CommitmentId == row.Id).Select(a => a.Alias).ToList();
        return row.ToDomain(held);
    }

    public async Task InsertCommitmentAsync(Commitment c, DateTime now, CancellationToken ct)
    {
        await Execute(_sql.InsertCommitment, CommitmentArgs(c, now), ct);
        await WriteCommitmentAliasesAsync(c, [], ct);
        await _versions.RecordAsync(c, RecordedFrom ?? now, RecordedBy, ct);
    }

    /// <summary>Replaces the commitment's fields; its aliases only grow (an old id keeps naming it).</summary>
    public async Task UpdateCommitmentAsync(Commitment c, DateTime now, CancellationToken ct)
    {
        await Execute(_sql.UpdateCommitment, CommitmentArgs(c, now), ct);
        var held = (await Query<CommitmentAliasRow>(_sql.AllCommitmentAliases, null, ct)).Where(a => a.CommitmentId == c.Id).Select(a => a.Alias).ToList();
        await WriteCommitmentAliasesAsync(c, held, ct);
        await _versions.RecordAsync(c with { Aliases = [.. held.Union(c.Aliases ?? [])] }, RecordedFrom ?? now, RecordedBy, ct);
    }

    private async Task WriteCommitmentAliasesAsync(Commitment c, IReadOnlyList<string> held, CancellationToken ct)
    {
        var added = (c.Aliases ?? []).Except(held).Distinct().ToList();
        if (added.Count > 0) await Execute(_sql.InsertCommitmentAlias, added.Select(a => new { Alias = a, CommitmentId = c.Id }).ToArray(), ct);
    }

    private static object CommitmentArgs(Commitment c, DateTime now) =>
        new { c.Id, c.InstrumentCode, c.ParagraphRef, AppliesTo = Codes.Of(c.AppliesTo), c.Title, c.Quotation, c.SourceUrl, c.QuotedFrom, c.Retired, Now = now };

    private sealed record CommitmentAliasRow(string Alias, string CommitmentId);

    public async Task<IReadOnlyList<Participant>> ParticipantsAsync(ParticipantKind? kind, CancellationToken ct)
    {
        var rows = await Query<ParticipantRow>(_sql.Participants, new { Kind = kind is { } k ? Codes.Of(k) : null }, ct);
        var aliases = (await Query<AliasRow>(_sql.AllAliases, null, ct)).ToLookup(a => a.ParticipantId);
        var endorsements = (await Query<EndorsementRow>(_sql.AllEndorsements, null, ct)).ToLookup(e => e.ParticipantId);
        return rows.Select(r => r.ToDomain(aliases[r.Id], endorsements[r.Id])).ToList();
    }

    /// <summary>
    /// What a report as of <paramref name="asOf"/> reads from the catalogue, as the record held it then: the cycle (as first
    /// recorded when the time is earlier), the participants recorded by then with the endorsements held then, and the
    /// commitments recorded by then, in catalogue order. A later edit never changes an earlier answer.
    /// </summary>
    public async Task<(Cycle? Cycle, IReadOnlyList<Participant> Participants, IReadOnlyList<Commitment> Commitments)> AsOfAsync(
        string cycleId, DateTime asOf, CancellationToken ct)
    {
        var cycle = await _versions.CycleAsOfAsync(cycleId, asOf, ct);
        if (cycle is null) return (null, [], []);
        var participants = await _versions.AsOfAsync<Participant>("participant", asOf, ct);
        var endorsements = (await Query<EndorsementRow>(_sql.EndorsementsAsOf, new { AsOf = asOf }, ct)).ToLookup(e => e.ParticipantId);
        var commitments = await _versions.AsOfAsync<Commitment>("commitment", asOf, ct);
        var order = await CommitmentsAsync(null, null, ct);
        return (cycle,
            participants.Values.Select(p => p with { Endorsements = endorsements[p.Id].Select(e => e.ToDomain()).ToList() }).ToList(),
            order.Where(c => commitments.ContainsKey(c.Id)).Select(c => commitments[c.Id]).ToList());
    }

    public async Task<Participant?> ParticipantAsync(string id, CancellationToken ct)
    {
        var row = await One<ParticipantRow>(_sql.Participant, new { Id = id }, ct);
        if (row is null) return null;
        var aliases = await Query<AliasRow>(_sql.Aliases, new { Id = id }, ct);
        var endorsements = await Query<EndorsementRow>(_sql.Endorsements, new { Id = id }, ct);
        return row.ToDomain(aliases, endorsements);
    }

    public async Task InsertParticipantAsync(Participant p, DateTime now, CancellationToken ct)
    {
        await Execute(_sql.InsertParticipant, new { p.Id, p.Name, Kind = Codes.Of(p.Kind), p.ParentId, p.HomeGovernment, p.ReportsThroughParent, Now = now }, ct);
        await WriteAliasesAndEndorsementsAsync(p, now, ct);
        await _versions.RecordAsync(p, RecordedFrom ?? now, RecordedBy, ct);
    }

    /// <summary>
    /// Replaces the participant's fields, aliases and endorsements with those given. An endorsement that changed or went is
    /// retracted, not deleted, so a report as of an earlier time still counts what the catalogue held then.
    /// </summary>
    public async Task UpdateParticipantAsync(Participant p, DateTime now, CancellationToken ct)
    {
        await Execute(_sql.UpdateParticipant, new { p.Id, p.Name, p.ParentId, p.HomeGovernment, p.ReportsThroughParent, Now = now }, ct);
        await Execute(_sql.DeleteAliases, new { p.Id }, ct);
        var held = (await Query<EndorsementRow>(_sql.Endorsements, new { p.Id }, ct)).Select(e => e.ToDomain()).ToList();
        static bool Same(Endorsement a, Endorsement b) => a.SameFacts(b);
        var retracted = held.Where(h => !p.Endorsements.Any(e => Same(e, h))).ToList();
        if (retracted.Count > 0)
            await Execute(_sql.RetractEndorsement, retracted.Select(e => new { ParticipantId = p.Id, e.InstrumentCode, Now = now }).ToArray(), ct);
        await WriteAliasesAndEndorsementsAsync(p with { Endorsements = p.Endorsements.Where(e => !held.Any(h => Same(e, h))).ToList() }, now, ct);
        await _versions.RecordAsync(p, RecordedFrom ?? now, RecordedBy, ct);
    }

    private async Task WriteAliasesAndEndorsementsAsync(Participant p, DateTime now, CancellationToken ct)
    {
        if (p.Aliases.Count > 0)
            await Execute(_sql.InsertAlias, p.Aliases.Distinct().Select(a => new { ParticipantId = p.Id, Alias = a }).ToArray(), ct);
        if (p.Endorsements.Count > 0)
            await Execute(_sql.InsertEndorsement, p.Endorsements.Select(e => new
            {
                ParticipantId = p.Id, e.InstrumentCode, e.EndorsedOn, Basis = Codes.Of(e.Basis), RecordedAt = e.RecordedAt ?? now,
                DatePrecision = Codes.Of(e.Precision), Covers = e.Covers is { } covers ? string.Join(' ', covers) : null,
            }).ToArray(), ct);
    }

    public async Task<IReadOnlyList<Cycle>> CyclesAsync(CancellationToken ct)
    {
        var rows = await Query<CycleRow>(_sql.Cycles, null, ct);
        var instruments = (await Query<CycleInstrumentRow>(_sql.AllCycleInstruments, null, ct)).ToLookup(i => i.CycleId);
        return rows.Select(r => r.ToDomain(instruments[r.Id])).ToList();
    }

    public async Task<Cycle?> CycleAsync(string id, CancellationToken ct)
    {
        var row = await One<CycleRow>(_sql.Cycle, new { Id = id }, ct);
        if (row is null) return null;
        return row.ToDomain(await Query<CycleInstrumentRow>(_sql.CycleInstruments, new { Id = id }, ct));
    }

    public async Task InsertCycleAsync(Cycle c, DateTime now, CancellationToken ct)
    {
        await Execute(_sql.InsertCycle, CycleArgs(c, now), ct);
        await WriteCycleInstrumentsAsync(c, ct);
        await _versions.RecordAsync(c, RecordedFrom ?? now, RecordedBy, ct);
    }

    public async Task UpdateCycleAsync(Cycle c, DateTime now, CancellationToken ct)
    {
        await Execute(_sql.UpdateCycle, CycleArgs(c, now), ct);
        await Execute(_sql.DeleteCycleInstruments, new { c.Id }, ct);
        await WriteCycleInstrumentsAsync(c, ct);
        await _versions.RecordAsync(c, RecordedFrom ?? now, RecordedBy, ct);
    }

    private static object CycleArgs(Cycle c, DateTime now) =>
        new { c.Id, c.Title, c.OpensAt, c.DueAt, c.GraceUntil, State = Codes.Of(c.State), c.SessionOn, c.Description, Now = now };

    private async Task WriteCycleInstrumentsAsync(Cycle c, CancellationToken ct)
    {
        if (c.Instruments.Count > 0)
            await Execute(_sql.InsertCycleInstrument, c.Instruments.Distinct().Select(i => new { CycleId = c.Id, InstrumentCode = i }).ToArray(), ct);
    }

    public async Task InsertInstrumentAsync(Instrument i, DateTime now, CancellationToken ct)
    {
        await Execute(_sql.InsertInstrument, InstrumentArgs(i), ct);
        await _versions.RecordAsync(i, RecordedFrom ?? now, RecordedBy, ct);
    }

    public async Task UpdateInstrumentAsync(Instrument i, DateTime now, CancellationToken ct)
    {
        await Execute(_sql.UpdateInstrument, InstrumentArgs(i), ct);
        await _versions.RecordAsync(i, RecordedFrom ?? now, RecordedBy, ct);
    }

    /// <summary>The instruments as the catalogue recorded them at <paramref name="asOf"/> (their editions then), in catalogue order.</summary>
    public async Task<IReadOnlyList<Instrument>> InstrumentsAsOfAsync(DateTime asOf, CancellationToken ct)
    {
        var recorded = await _versions.AsOfAsync<Instrument>("instrument", asOf, ct);
        // An instrument written before instruments kept versions counts as it stands now.
        return (await InstrumentsAsync(ct)).Select(i => recorded.TryGetValue(i.Code, out var then) ? then : i).ToList();
    }

    private static object InstrumentArgs(Instrument i) => new
    {
        i.Code, i.Title, i.AdoptedOn, i.Description, Kind = Codes.Of(i.Kind), i.SourceUrl,
        EditionLabel = i.Edition?.Label, EditionOn = i.Edition?.On, EditionCheckedOn = i.Edition?.CheckedOn,
    };

    public async Task<bool> SeedAppliedAsync(string name, CancellationToken ct) =>
        await One<string>(_sql.SeedRun, new { Name = name }, ct) is not null;

    public async Task RecordSeedAsync(string name, DateTime now, CancellationToken ct) =>
        await Execute(_sql.InsertSeedRun, new { Name = name, Now = now }, ct);

    private sealed record InstrumentRow(string Code, string Title, string AdoptedOn, string? Description, string Kind, string? SourceUrl,
        string? EditionLabel, string? EditionOn, string? EditionCheckedOn)
    {
        public Instrument ToDomain() => new(Code, Title, AdoptedOn, Description, Codes.Parse<InstrumentKind>(Kind), SourceUrl,
            EditionCheckedOn is null ? null : new SourceEdition(EditionLabel, EditionOn, EditionCheckedOn));
    }

    private sealed class CommitmentRow
    {
        public string Id { get; set; } = "";
        public string InstrumentCode { get; set; } = "";
        public string ParagraphRef { get; set; } = "";
        public string AppliesTo { get; set; } = "";
        public string Title { get; set; } = "";
        public string? Quotation { get; set; }
        public string? SourceUrl { get; set; }
        public string? QuotedFrom { get; set; }
        public bool Retired { get; set; }

        public Commitment ToDomain(IReadOnlyList<string> aliases) =>
            new(Id, InstrumentCode, ParagraphRef, Codes.Parse<AppliesTo>(AppliesTo), Title, Quotation, SourceUrl, QuotedFrom, Retired, aliases);
    }

    private sealed class ParticipantRow
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public string Kind { get; set; } = "";
        public string? ParentId { get; set; }
        public string? HomeGovernment { get; set; }
        public bool ReportsThroughParent { get; set; }

        public Participant ToDomain(IEnumerable<AliasRow> aliases, IEnumerable<EndorsementRow> endorsements) =>
            new(Id, Name, Codes.Parse<ParticipantKind>(Kind), ParentId, HomeGovernment,
                aliases.Select(a => a.Alias).ToList(),
                endorsements.Select(e => e.ToDomain()).ToList(),
                ReportsThroughParent);
    }

    private sealed record AliasRow(string ParticipantId, string Alias);

    private sealed record EndorsementRow(string ParticipantId, string InstrumentCode, string? EndorsedOn, string Basis, DateTime RecordedAt,
        string DatePrecision, string? Covers)
    {
        public Endorsement ToDomain() => new(InstrumentCode, EndorsedOn, Codes.Parse<EndorsementBasis>(Basis), RecordedAt,
            Codes.Parse<DatePrecision>(DatePrecision), Covers?.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private sealed record CycleRow(
        string Id, string Title, DateTime OpensAt, DateTime DueAt, DateTime GraceUntil, string State, string? SessionOn, string? Description)
    {
        public Cycle ToDomain(IEnumerable<CycleInstrumentRow> instruments) =>
            new(Id, Title, OpensAt, DueAt, GraceUntil, Codes.Parse<CycleState>(State), SessionOn,
                instruments.Select(i => i.InstrumentCode).ToList(), Description);
    }

    private sealed record CycleInstrumentRow(string CycleId, string InstrumentCode);
}
