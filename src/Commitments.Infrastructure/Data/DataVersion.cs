namespace Commitments.Infrastructure.Data;

/// <summary>
/// One counter raised by every committed transaction (<see cref="DbSession.CommitAsync"/>): a report as of now is tagged with it,
/// so an unchanged one is a 304 without being built.
/// </summary>
public static class DataVersion
{
    public const string RaiseSql = "UPDATE report_versions SET version = version + 1 WHERE scope = 'data'";
    public const string ReadSql = "SELECT version FROM report_versions WHERE scope = 'data'";
}
