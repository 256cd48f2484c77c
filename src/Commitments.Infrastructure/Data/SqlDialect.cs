namespace Commitments.Infrastructure.Data;

/// <summary>The few places where SQLite and SQL Server spell a statement differently.</summary>
public abstract class SqlDialect
{
    public static readonly SqlDialect Sqlite = new SqliteDialect();
    public static readonly SqlDialect SqlServer = new SqlServerDialect();

    public static SqlDialect For(DatabaseProvider provider) =>
        provider == DatabaseProvider.SqlServer ? SqlServer : Sqlite;

    /// <summary>Goes right after SELECT: a row cap where the dialect puts it there.</summary>
    public abstract string Top(string limitParameter);

    /// <summary>Goes at the end of the statement: a row cap where the dialect puts it there.</summary>
    public abstract string Limit(string limitParameter);

    private sealed class SqliteDialect : SqlDialect
    {
        public override string Top(string limitParameter) => "";
        public override string Limit(string limitParameter) => $"LIMIT {limitParameter}";
    }

    private sealed class SqlServerDialect : SqlDialect
    {
        public override string Top(string limitParameter) => $"TOP ({limitParameter})";
        public override string Limit(string limitParameter) => "";
    }
}
