using System.Net;
using System.Net.Http.Json;
using Commitments.Infrastructure.Data;
using Commitments.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Commitments.Tests.Reliability;

/// <summary>The database becomes unusable for writes (locked longer than the busy timeout), then comes back.</summary>
[Trait("Category", "Drill")] // holds the database locked past the busy timeout
public sealed class OutageTests
{
    [Fact]
    public async Task WhileTheDatabaseIsLockedWritesGet503AndServiceResumesByItself()
    {
        await using var api = await TestApi.StartAsync(SqliteProvisioner.WithTimeout(1));
        await api.CreateOpenCycleAsync();
        var gb = await api.LiaisonAsync("GB");
        var admin = api.Secretariat();

        await using var holder = new SqliteConnection(api.Database.ConnectionString);
        await holder.OpenAsync();
        await using (var begin = holder.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE";
            await begin.ExecuteNonQueryAsync();
        }

        var refused = await gb.PostAsJsonAsync("/v1/updates", Filing.Body());
        var problem = await refused.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.True(refused.Headers.RetryAfter is not null, "503 must carry Retry-After");
        Assert.Contains("Nothing was changed", problem.Str("detail"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await api.Anonymous().GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.Anonymous().GetAsync("/health/live")).StatusCode);
        await (await api.Anonymous().GetAsync("/v1/commitments")).AssertOkAsync(); // readers carry on in WAL mode

        await using (var rollback = holder.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync();
        }

        Assert.Equal(HttpStatusCode.OK, (await api.Anonymous().GetAsync("/health/ready")).StatusCode);
        var filed = await gb.FileAsync(Filing.Body());
        var all = await (await admin.GetAsync("/v1/updates")).AssertOkAsync();
        Assert.Equal([filed.Id()], all["items"]!.AsArray().Select(i => i!.Id()));
        var audit = await (await admin.GetAsync("/v1/audit?targetType=update")).AssertOkAsync();
        Assert.Single(audit["items"]!.AsArray());
    }
}
