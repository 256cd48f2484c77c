using Commitments.Infrastructure.Data;

namespace Commitments.Infrastructure.Speakers;

/// <summary>One speaker of a cycle's session and when the list naming it was recorded.</summary>
public sealed class SpeakerRow
{
    public string ParticipantId { get; set; } = "";
    public DateTime NamedAt { get; set; }
}

/// <summary>The participants requested to speak at a cycle's session, as named at any time.</summary>
public sealed class SpeakerStore(DbSession session)
{
    private readonly SpeakersSql _sql = new(session.Dialect);

    /// <summary>The speakers as the record held them at <paramref name="asOf"/>, in running order.</summary>
    public Task<IReadOnlyList<SpeakerRow>> AsOfAsync(string cycleId, DateTime asOf, CancellationToken ct) =>
        session.QueryAsync<SpeakerRow>(_sql.AsOf, new { CycleId = cycleId, AsOf = asOf }, ct);

    public Task<IReadOnlyList<SpeakerRow>> CurrentAsync(string cycleId, CancellationToken ct) =>
        session.QueryAsync<SpeakerRow>(_sql.Current, new { CycleId = cycleId }, ct);

    /// <summary>Replaces the current list with <paramref name="participantIds"/>, keeping the old one for earlier as-of times.</summary>
    public async Task ReplaceAsync(string cycleId, IReadOnlyList<string> participantIds, DateTime now, CancellationToken ct)
    {
        await session.ExecuteAsync(_sql.Replace, new { CycleId = cycleId, Now = now }, ct);
        if (participantIds.Count > 0)
            await session.ExecuteAsync(_sql.Insert,
                participantIds.Select((id, i) => new { CycleId = cycleId, Position = i + 1, ParticipantId = id, Now = now }).ToArray(), ct);
    }
}
