using Commitments.Infrastructure.Data;

namespace Commitments.Infrastructure.Reports;

/// <summary>What a report as of now is tagged with: its cycle's dates, the data version (<see cref="DataVersion"/>) and the packs frozen before now.</summary>
public sealed class ReportVersion
{
    public DateTime OpensAt { get; set; }
    public DateTime DueAt { get; set; }
    public DateTime GraceUntil { get; set; }
    public string State { get; set; } = "";
    public long? DataVersion { get; set; }

    /// <summary>Packs of the cycle frozen before now: a pack as of now compares with the latest one frozen before it.</summary>
    public long PacksFrozenBefore { get; set; }
}

public sealed class ReportVersions(DbSession session)
{
    private readonly ReportsSql _sql = new(session.Dialect);

    /// <summary>The cycle's dates and the data version at <paramref name="now"/>; null for an unknown cycle.</summary>
    public Task<ReportVersion?> OfCycleAsync(string cycleId, DateTime now, CancellationToken ct) =>
        session.SingleOrDefaultAsync<ReportVersion>(_sql.ReportVersion, new { CycleId = cycleId, Now = now }, ct);
}
