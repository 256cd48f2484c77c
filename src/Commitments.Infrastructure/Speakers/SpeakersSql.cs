using Commitments.Infrastructure.Data;

namespace Commitments.Infrastructure.Speakers;

public sealed class SpeakersSql(SqlDialect d)
{
    /// <summary>The list named by @AsOf and not replaced by then, in running order.</summary>
    public string AsOf => """
        SELECT participant_id AS ParticipantId, named_at AS NamedAt FROM session_speakers
        WHERE cycle_id = @CycleId AND named_at <= @AsOf AND (replaced_at IS NULL OR replaced_at > @AsOf)
        ORDER BY position
        """;

    /// <summary>The current list, whenever it was named.</summary>
    public string Current => """
        SELECT participant_id AS ParticipantId, named_at AS NamedAt FROM session_speakers
        WHERE cycle_id = @CycleId AND replaced_at IS NULL ORDER BY position
        """;

    public string Replace => "UPDATE session_speakers SET replaced_at = @Now WHERE cycle_id = @CycleId AND replaced_at IS NULL";

    public string Insert => """
        INSERT INTO session_speakers (cycle_id, position, participant_id, named_at, replaced_at)
        VALUES (@CycleId, @Position, @ParticipantId, @Now, NULL)
        """;

    /// <summary>The dialect is unused today; the constructor keeps the shape every *Sql class has (and the SQL Server parse test needs).</summary>
    public SqlDialect Dialect => d;
}
