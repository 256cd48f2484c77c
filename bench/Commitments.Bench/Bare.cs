using System.Text.Json;
using System.Text.Json.Serialization;
using Commitments.Infrastructure.Data;
using Commitments.Infrastructure.Updates;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Commitments.Bench;

/// <summary>
/// A bare minimal API over the same database, the floor the API's reads are compared with: the API's own list, get-one and
/// cycle SQL (UpdatesSql) run by plain Dapper on a pooled Microsoft.Data.Sqlite connection per request, its rows mapped by
/// Dapper to <see cref="BareRow"/> and serialized as they are (stored evidence as a string, timestamps as stored). No
/// authentication, validation, domain mapping, visibility or problem details. Run as its own process (<c>--bare</c>) so its
/// peak resident set can be compared with the API's after the same load.
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
        app.MapGet("/v1/updates", async (string? cycle, int? limit, string? cursor) =>
        {
            var size = limit ?? 50;
            var filters = UpdateFilters.Cycle | (cursor is null ? UpdateFilters.None : UpdateFilters.After);
            await using var db = new SqliteConnection(connectionString);
            var rows = (await db.QueryAsync<BareRow>(Sql.List(filters), new { Cycle = cycle, After = cursor, Limit = size + 1 })).AsList();
            var more = rows.Count > size;
            if (more) rows.RemoveAt(size);
            return Results.Json(new BarePage(rows, more ? rows[^1].Id : null), BareJson.Default.BarePage);
        });
        app.MapGet("/v1/updates/{id}", async (string id) =>
        {
            await using var db = new SqliteConnection(connectionString);
            return await db.QuerySingleOrDefaultAsync<BareRow>(Sql.Update, new { Id = id }) is { } row
                ? Results.Json(row, BareJson.Default.BareRow)
                : Results.NotFound();
        });
        // A report's floor, served: the cycle's current rows (the statement a report as of now reads) straight to JSON.
        app.MapGet("/v1/cycles/{id}/briefing-pack", async (string id) =>
        {
            await using var db = new SqliteConnection(connectionString);
            return Results.Json((await db.QueryAsync<BareRow>(Sql.OfCycle, new { CycleId = id })).AsList(), BareJson.Default.ListBareRow);
        });
        await app.RunAsync();
    }
}

/// <summary>A row of the API's update select, as Dapper maps it: each column as stored.</summary>
public sealed class BareRow
{
    public string Id { get; set; } = "";
    public string ParticipantId { get; set; } = "";
    public string CommitmentId { get; set; } = "";
    public string CycleId { get; set; } = "";
    public string State { get; set; } = "";
    public long Revision { get; set; }
    public string? FirstSubmittedAt { get; set; }
    public string CreatedAt { get; set; } = "";
    public string UpdatedAt { get; set; } = "";
    public string? AmendedAfterDueAt { get; set; }
    public string Status { get; set; } = "";
    public string Summary { get; set; } = "";
    public string? Details { get; set; }
    public string? MainMessage { get; set; }
    public string Evidence { get; set; } = "";
    public string Confidentiality { get; set; } = "";
    public string? PlannedCompletion { get; set; }
    public string? AlsoAnswers { get; set; }
    public long? ReviewRevision { get; set; }
    public string? ReviewState { get; set; }
    public string? ReviewConfidentiality { get; set; }
    public string? AssessedStatus { get; set; }
    public string? Comment { get; set; }
    public long? CommentInternal { get; set; }
    public string OpensAt { get; set; } = "";
    public string DueAt { get; set; } = "";
    public string GraceUntil { get; set; } = "";
    public string CycleState { get; set; } = "";
}

public sealed record BarePage(IReadOnlyList<BareRow> Items, string? Next);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(BareRow))]
[JsonSerializable(typeof(BarePage))]
[JsonSerializable(typeof(List<BareRow>))]
internal sealed partial class BareJson : JsonSerializerContext;
