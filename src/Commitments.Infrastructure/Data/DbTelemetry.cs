using System.Diagnostics;

namespace Commitments.Infrastructure.Data;

/// <summary>
/// A span per database transaction and statement, for providers without instrumentation of their own (SQLite). The
/// statement text is recorded (parameters only, never values); nothing is recorded unless a listener is attached.
/// </summary>
public static class DbTelemetry
{
    public const string SourceName = "Commitments.Database";
    private static readonly ActivitySource Source = new(SourceName);

    public static Activity? Statement(SqlDialect dialect, string sql)
    {
        var activity = Source.StartActivity("db.statement", ActivityKind.Client);
        if (activity is null) return null;
        activity.SetTag("db.system.name", dialect == SqlDialect.SqlServer ? "microsoft.sql_server" : "sqlite");
        activity.SetTag("db.query.text", sql);
        return activity;
    }
}
