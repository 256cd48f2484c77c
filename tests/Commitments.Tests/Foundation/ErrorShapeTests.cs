using System.Net;
using Commitments.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Commitments.Tests.Foundation;

public sealed class ErrorShapeTests
{
    [Fact]
    public async Task AnUnknownRouteIsAProblemDocument()
    {
        await using var api = await TestApi.StartAsync();
        await (await api.Anonymous().GetAsync("/v1/nowhere")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AWrongMethodIsAProblemDocument()
    {
        await using var api = await TestApi.StartAsync();
        var response = await api.Anonymous().DeleteAsync("/v1/instruments");
        await response.AssertProblemAsync(HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task MalformedJsonIsABadRequestAndChangesNothing()
    {
        await using var api = await TestApi.StartAsync();
        await (await api.Secretariat().PostAsync("/v1/commitments", HttpAssertions.Json("{\"id\": \"BD-10\","))).AssertProblemAsync(HttpStatusCode.BadRequest, "body");
        await (await api.Anonymous().GetAsync("/v1/commitments/BD-10")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AWrongTypeNamesTheField()
    {
        await using var api = await TestApi.StartAsync();
        var body = await (await api.Secretariat().PostAsync("/v1/commitments",
            HttpAssertions.Json("""{"id":"BD-10","instrument":"BD","paragraphRef":"p","appliesTo":"all","title":42}""")))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "title");
        Assert.DoesNotContain("Commitments.Api", body.ToJsonString());
    }

    [Fact]
    public async Task AnUnknownPropertyNamesTheField()
    {
        await using var api = await TestApi.StartAsync();
        await (await api.Secretariat().PostAsync("/v1/commitments",
            HttpAssertions.Json("""{"id":"BD-10","instrument":"BD","paragraphRef":"p","appliesTo":"all","title":"t","owner":"me"}""")))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "owner");
    }

    [Fact]
    public async Task AnEnumGivenAsANumberIsRefused()
    {
        await using var api = await TestApi.StartAsync();
        await (await api.Secretariat().PostAsync("/v1/commitments",
            HttpAssertions.Json("""{"id":"BD-10","instrument":"BD","paragraphRef":"p","appliesTo":1,"title":"t"}""")))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "appliesTo");
    }

    [Fact]
    public async Task AnUnexpectedExceptionIsA500WithATraceIdAndNoStackTrace()
    {
        var clock = new FailingClock();
        await using var api = await TestApi.StartAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        clock.Fail = true;
        var body = await (await api.Secretariat().GetAsync("/v1/me")).AssertProblemAsync(HttpStatusCode.InternalServerError);
        Assert.False(string.IsNullOrEmpty(body["traceId"]?.GetValue<string>()));
        var text = body.ToJsonString();
        Assert.DoesNotContain("   at ", text);
        Assert.DoesNotContain("clock exploded", text);
    }

    private sealed class FailingClock : TimeProvider
    {
        public bool Fail { get; set; }
        public override DateTimeOffset GetUtcNow() => Fail ? throw new InvalidOperationException("clock exploded") : base.GetUtcNow();
    }
}
