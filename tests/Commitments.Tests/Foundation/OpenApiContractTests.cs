using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Commitments.Tests.Support;

namespace Commitments.Tests.Foundation;

/// <summary>
/// The check every test client runs on every response (<see cref="OpenApiContract"/>) catches what a validating proxy
/// would: a missing required property, a null or value the schema does not allow, a wrong format, an undocumented
/// status, content type or header. Each case starts from a real response and changes one thing.
/// </summary>
public sealed class OpenApiContractTests
{
    private static async Task<(OpenApiContract Contract, JsonObject Instrument)> RealInstrumentAsync()
    {
        await using var api = await TestApi.StartAsync();
        var document = await api.Anonymous().GetStringAsync("/swagger/v1/swagger.json");
        var instrument = (await (await api.Anonymous().GetAsync("/v1/instruments/BD")).AssertOkAsync()).AsObject();
        return (OpenApiContract.For(document), instrument);
    }

    private static HttpResponseMessage Response(HttpStatusCode status, string body, string mediaType = "application/json") =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue(mediaType)) };

    [Fact]
    public async Task TheRealResponsePasses()
    {
        var (contract, instrument) = await RealInstrumentAsync();
        Assert.Null(contract.Violation(HttpMethod.Get, "/v1/instruments/BD", Response(HttpStatusCode.OK, instrument.ToJsonString()), instrument.ToJsonString()));
    }

    [Theory]
    [InlineData("missing", "title", null, "title")]
    [InlineData("null", "title", null, "title")]
    [InlineData("value", "adoptedOn", "1 November 2023", "adoptedOn")]
    [InlineData("value", "extra", "x", "extra")]
    public async Task ABodyTheSchemaDoesNotAllowIsAViolation(string change, string property, string? value, string expected)
    {
        var (contract, instrument) = await RealInstrumentAsync();
        switch (change)
        {
            case "missing": instrument.Remove(property); break;
            case "null": instrument[property] = null; break;
            default: instrument[property] = value; break;
        }
        var body = instrument.ToJsonString();
        var violation = contract.Violation(HttpMethod.Get, "/v1/instruments/BD", Response(HttpStatusCode.OK, body), body);
        Assert.NotNull(violation);
        Assert.Contains("does not satisfy the documented schema", violation);
        Assert.Contains(expected, violation);
    }

    [Fact]
    public async Task AnUndocumentedStatusContentTypeOrHeaderIsAViolation()
    {
        var (contract, instrument) = await RealInstrumentAsync();
        var body = instrument.ToJsonString();
        Assert.Contains("status 418", contract.Violation(HttpMethod.Get, "/v1/instruments/BD", Response(HttpStatusCode.OK - 200 + 418, body), body));
        Assert.Contains("text/csv", contract.Violation(HttpMethod.Get, "/v1/instruments/BD", Response(HttpStatusCode.OK, "a,b", "text/csv"), "a,b"));
        var tagged = Response(HttpStatusCode.OK, body);
        tagged.Headers.ETag = new EntityTagHeaderValue("\"1\"");
        Assert.Contains("ETag", contract.Violation(HttpMethod.Get, "/v1/instruments/BD", tagged, body));
        var problem = """{"type":"about:blank","title":"Not found","status":404,"detail":"x"}""";
        Assert.Contains("traceId", contract.Violation(HttpMethod.Get, "/v1/instruments/XX", Response(HttpStatusCode.NotFound, problem, "application/problem+json"), problem));
    }

    [Fact]
    public async Task ARequiredHeaderThatIsMissingIsAViolation()
    {
        await using var api = await TestApi.StartAsync();
        var contract = OpenApiContract.For(await api.Anonymous().GetStringAsync("/swagger/v1/swagger.json"));
        var problem = """{"type":"about:blank","title":"Too many requests","status":429,"traceId":"t"}""";
        Assert.Contains("Retry-After", contract.Violation(HttpMethod.Get, "/v1/instruments", Response(HttpStatusCode.TooManyRequests, problem, "application/problem+json"), problem));
    }
}
