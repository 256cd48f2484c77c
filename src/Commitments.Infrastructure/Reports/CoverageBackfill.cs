using Commitments.Infrastructure.Data;

namespace Commitments.Infrastructure.Reports;

/// <summary>
/// The coverage cells computed from the updates and their revisions: migration 0011's INSERT ... SELECT, read from the migration
/// itself so there is one statement. For data written around the API (a generated benchmark dataset) and for tests that hold it
/// to the cells the writes keep: <see cref="RebuildAsync"/> deletes the cells and computes them again.
/// </summary>
public static class CoverageBackfill
{
    public static string Statement(SqlDialect dialect) => Migrator.Statement(dialect, "0011_", "INSERT INTO coverage_cells");

    public static async Task RebuildAsync(DbSession session, CancellationToken ct)
    {
        await session.ExecuteAsync("DELETE FROM coverage_cells", null, ct);
        await session.ExecuteAsync(Statement(session.Dialect), null, ct);
    }
}
