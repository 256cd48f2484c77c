using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Commitments.Tests.Support;

/// <summary>Helpers for tests that file progress updates.</summary>
public static class Filing
{
    public const string OpenCycle = "test-open";

    /// <summary>Creates an open cycle with BD and ST in scope, due in 30 days.</summary>
    public static async Task CreateOpenCycleAsync(this TestApi api, string id = OpenCycle, string state = "open", int dueInDays = 30)
    {
        var now = DateTime.UtcNow;
        await (await api.Secretariat().PostAsJsonAsync("/v1/cycles", new
        {
            id, title = $"Cycle {id}", opensAt = now.AddDays(-10), dueAt = now.AddDays(dueInDays), graceUntil = now.AddDays(dueInDays + 7),
            state, instruments = new[] { "BD", "ST", "CS" },
        })).AssertOkAsync(HttpStatusCode.Created);
    }

    public static object Body(string participant = "GB", string commitment = "BD-1", string cycle = OpenCycle, bool submit = false,
        string confidentiality = "public", string status = "substantial", string summary = "AI Safety Institute established and funded.",
        string mainMessage = "On track.") => new
    {
        participantId = participant, commitmentId = commitment, cycleId = cycle, status, summary,
        details = "Details of the work.", mainMessage,
        evidence = new[] { new { url = "https://www.gov.uk/government/publications/ai-safety-institute-overview", title = "AISI overview", kind = "webpage" } },
        confidentiality, submit,
    };

    public static object Content(string status = "complete", string summary = "Amended summary.", string confidentiality = "public") => new
    {
        status, summary, evidence = Array.Empty<object>(), confidentiality,
    };

    public static async Task<JsonNode> FileAsync(this HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/v1/updates", body);
        return await response.AssertOkAsync(HttpStatusCode.Created);
    }

    public static string Id(this JsonNode node) => node["id"]!.GetValue<string>();
    public static string Str(this JsonNode? node, string property) => node![property]!.GetValue<string>();

    /// <summary>A review of the revision the secretariat read (its ETag in If-Match).</summary>
    public static HttpRequestMessage Review(string id, object decision, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/updates/{id}/review") { Content = JsonContent.Create(decision) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    /// <summary>Reads the update for its ETag, then reviews that revision.</summary>
    public static async Task<HttpResponseMessage> ReviewAsync(this HttpClient client, string id, object decision)
    {
        var current = await client.GetAsync($"/v1/updates/{id}");
        return await client.SendAsync(Review(id, decision, current.Headers.ETag?.Tag));
    }

    public static HttpRequestMessage Put(string id, object content, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/v1/updates/{id}") { Content = JsonContent.Create(content) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }
}
