using System.Data.Common;
using System.Text.Json;
using Commitments.Infrastructure.Data;
using Commitments.Infrastructure.Updates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Data.Sqlite;

namespace Commitments.Bench;

/// <summary>
/// A bare minimal API over the same database, the floor the API's reads are compared with: the API's own list and get-one
/// SQL (UpdatesSql), each row's typed columns written straight to a JSON writer (stored evidence copied through, timestamps as
/// stored), and a report's rows straight to JSON. No authentication, validation, mapping, visibility or problem details.
/// Run as its own process (<c>--bare</c>) so its peak resident set can be compared with the API's after the same load.
/// </summary>
public static class Bare
{
    private static readonly UpdatesSql Sql = new(SqlDialect.Sqlite);

    public static async Task RunAsync(string dbPath, string url)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        var app = builder.Build();
        var connectionString = $"Data Source={dbPath};Mode=ReadOnly";
        app.MapGet("/health/live", () => "Healthy");
        app.MapGet("/v1/updates", async (HttpContext http, string? cycle, int? limit, string? cursor) =>
        {
            var size = limit ?? 50;
            var filters = UpdateFilters.Cycle | (cursor is null ? UpdateFilters.None : UpdateFilters.After);
            var db = await KeptConnection.RentAsync(connectionString);
            using var back = db;
            var command = db.Commands.For(Sql.List(filters), new { Cycle = cycle, After = cursor, Limit = size + 1 });
            http.Response.ContentType = "application/json; charset=utf-8";
            await using var writer = new Utf8JsonWriter(http.Response.BodyWriter);
            writer.WriteStartObject();
            writer.WriteStartArray("items");
            string? last = null;
            var count = 0;
            await using (var reader = await command.ExecuteReaderAsync())
            {
                var names = UpdateNames(reader);
                while (await reader.ReadAsync())
                {
                    if (++count > size) break;
                    last = reader.GetString(0);
                    WriteRow(writer, reader, names);
                }
            }
            writer.WriteEndArray();
            if (count > size) writer.WriteString("next", last); else writer.WriteNull("next");
            writer.WriteEndObject();
            await writer.FlushAsync();
        });
        app.MapGet("/v1/updates/{id}", async (HttpContext http, string id) =>
        {
            var db = await KeptConnection.RentAsync(connectionString);
            using var back = db;
            await using var reader = await db.Commands.For(Sql.Update, new { Id = id }).ExecuteReaderAsync();
            if (!await reader.ReadAsync()) { http.Response.StatusCode = 404; return; }
            http.Response.ContentType = "application/json; charset=utf-8";
            await using var writer = new Utf8JsonWriter(http.Response.BodyWriter);
            WriteRow(writer, reader, UpdateNames(reader));
            await writer.FlushAsync();
        });
        // A report's floor, as in the rows -> JSON baseline, but served: the cycle's current rows written as they are read.
        app.MapGet("/v1/cycles/{id}/briefing-pack", async (HttpContext http, string id) =>
        {
            await using var db = new SqliteConnection(connectionString);
            await db.OpenAsync();
            await using var command = Command(db, Baseline.ReportRowsSql, ("$cycle", id));
            http.Response.ContentType = "application/json; charset=utf-8";
            await using var writer = new Utf8JsonWriter(http.Response.BodyWriter);
            writer.WriteStartArray();
            await using (var reader = await command.ExecuteReaderAsync())
                for (var names = Names(reader); await reader.ReadAsync();)
                {
                    WriteRow(writer, reader, names);
                    if (writer.BytesPending > 16 * 1024) await writer.FlushAsync();
                }
            writer.WriteEndArray();
            await writer.FlushAsync();
        });
        await app.RunAsync();
    }

    private static DbCommand Command(SqliteConnection db, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = db.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    /// <summary>An open connection with its statements kept (<see cref="KeptCommands"/>); disposing it puts it back for the next request.</summary>
    private sealed class KeptConnection(SqliteConnection connection) : IDisposable
    {
        private static readonly System.Collections.Concurrent.ConcurrentBag<KeptConnection> Idle = [];

        public KeptCommands Commands { get; } = new(connection);

        public static async Task<KeptConnection> RentAsync(string connectionString)
        {
            if (Idle.TryTake(out var kept)) return kept;
            var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            return new KeptConnection(connection);
        }

        public void Dispose() => Idle.Add(this);
    }

    /// <summary>The columns' aliases in camelCase, encoded once per statement run rather than per row.</summary>
    private static JsonEncodedText[] Names(DbDataReader reader) =>
        Enumerable.Range(0, reader.FieldCount).Select(c => JsonEncodedText.Encode(JsonNamingPolicy.CamelCase.ConvertName(reader.GetName(c)))).ToArray();

    /// <summary>The update select's names (list and get-one share its columns), worked out by the first read.</summary>
    private static JsonEncodedText[] UpdateNames(DbDataReader reader) => _updateNames ??= Names(reader);
    private static JsonEncodedText[]? _updateNames;

    private static readonly JsonEncodedText EvidenceName = JsonEncodedText.Encode("evidence");

    /// <summary>Each column under its alias in camelCase: integers as numbers, evidence copied through, text (timestamps too) as stored.</summary>
    private static void WriteRow(Utf8JsonWriter writer, DbDataReader reader, JsonEncodedText[] names)
    {
        writer.WriteStartObject();
        for (var c = 0; c < names.Length; c++)
        {
            var name = names[c];
            if (reader.IsDBNull(c)) writer.WriteNull(name);
            else if (reader.GetFieldType(c) == typeof(long)) writer.WriteNumber(name, reader.GetInt64(c));
            else if (name.Equals(EvidenceName)) { writer.WritePropertyName(name); writer.WriteRawValue(reader.GetString(c), skipInputValidation: true); }
            else writer.WriteString(name, reader.GetString(c));
        }
        writer.WriteEndObject();
    }
}
