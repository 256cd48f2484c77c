using System.Net;
using System.Net.Http.Json;
using Commitments.Tests.Support;

namespace Commitments.Tests.Updates;

public sealed class StrictInputTests
{
    public static TheoryData<string, string> BadBodies() => new()
    {
        { """{"participantId":"GB","commitmentId":"BD-1","cycleId":"test-open","status":"substantial","confidentiality":"public"}""", "summary" },
        { """{"participantId":"GB","commitmentId":"BD-1","cycleId":"test-open","status":"nearly","summary":"s","confidentiality":"public"}""", "status" },
        { """{"participantId":"GB","commitmentId":"BD-1","cycleId":"test-open","status":"complete","summary":"s","confidentiality":"secret"}""", "confidentiality" },
        { """{"participantId":"GB","commitmentId":"BD-1","cycleId":"test-open","status":"complete","summary":"s","confidentiality":"public","colour":"red"}""", "colour" },
        { """{"participantId":"GB","commitmentId":"BD-1","cycleId":"test-open","status":"complete","summary":"s","confidentiality":"public","submit":"yes"}""", "submit" },
        { """{"participantId":"GB","commitmentId":"BD-1","cycleId":"test-open","status":"complete","summary":"s","confidentiality":"public","evidence":[{"url":"ftp://x.org/a","title":"t"}]}""", "evidence[0].url" },
        { """{"participantId":"GB","commitmentId":"BD-1","cycleId":"test-open","status":"complete","summary":"s","confidentiality":"public","evidence":[{"url":"https://x.org/a"}]}""", "evidence[0].title" },
        { """{"participantId":"GB","commitmentId":"BD-1","cycleId":"test-open","status":"complete","summary":"s","confidentiality":"public","plannedCompletion":"2025-13-45"}""", "plannedCompletion" },
        { """{"participantId":"GB","commitmentId":"BD-1","cycleId":"test-open","status":"complete","summary":"s","confidentiality":"public","mainMessage":"MAIN"}""".Replace("MAIN", new string('m', 501)), "mainMessage" },
        { """{"participantId":"GB","commitmentId":"BD-1","cycleId":"test-open","status":"complete","summary":"s","confidentiality":"public","evidence":EV}""".Replace("EV", "[" + string.Join(",", Enumerable.Repeat("""{"url":"https://x.org","title":"t"}""", 21)) + "]"), "evidence" },
        { """{"commitmentId":"BD-1","cycleId":"test-open","status":"complete","summary":"s","confidentiality":"public"}""", "participantId" },
        { """[1,2,3]""", "body" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task ABadFilingIsA400NamingTheFieldAndWritesNothing(string body, string field)
    {
        await using var api = await TestApi.StartAsync();
        await api.CreateOpenCycleAsync();
        var gb = await api.LiaisonAsync("GB");
        await (await gb.PostAsync("/v1/updates", HttpAssertions.Json(body))).AssertProblemAsync(HttpStatusCode.BadRequest, field);
        var list = await (await api.Secretariat().GetAsync("/v1/updates")).AssertOkAsync();
        Assert.Empty(list["items"]!.AsArray());
    }

    [Fact]
    public async Task AnOversizeBodyIsRefusedWith413()
    {
        await using var api = await TestApi.StartAsync();
        await api.CreateOpenCycleAsync();
        var gb = await api.LiaisonAsync("GB");
        var huge = Filing.Body(summary: new string('x', 300_000));
        await (await gb.PostAsJsonAsync("/v1/updates", huge)).AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task AnOverlongIdempotencyKeyIsRefused()
    {
        await using var api = await TestApi.StartAsync();
        await api.CreateOpenCycleAsync();
        var gb = await api.LiaisonAsync("GB");
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/updates") { Content = JsonContent.Create(Filing.Body()) };
        request.Headers.Add("Idempotency-Key", new string('k', 201));
        await (await gb.SendAsync(request)).AssertProblemAsync(HttpStatusCode.BadRequest, "Idempotency-Key");
    }
}
